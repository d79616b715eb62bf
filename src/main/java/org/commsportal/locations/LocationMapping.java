package org.commsportal.locations;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.commsportal.common.Chunks;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Maps the seen subnets to an upload's networks by longest prefix (docs/locations.md, "How subnets are mapped"): in
 * the background after an upload, a chunk per transaction with its progress stored on the upload, and for the new
 * subnets of every session write, in that write's transaction. An upload never changes, so its map never goes stale.
 */
@Component
class LocationMapping {

    private static final Logger log = LoggerFactory.getLogger(LocationMapping.class);
    private static final int CACHED_MATCHERS = 8;

    private final LocationRepository repository;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "location-mapping");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, NetworkMatcher> matchers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, NetworkMatcher> eldest) {
            return size() > CACHED_MATCHERS;
        }
    };

    LocationMapping(LocationRepository repository, TransactionTemplate transactions, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Uploads whose mapping a stop interrupted are mapped again (what is mapped stays). */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        for (long[] upload : repository.unmapped()) {
            start(upload[0], upload[1]);
        }
    }

    void start(long tenantId, long uploadId) {
        background.submit(() -> {
            try {
                map(tenantId, uploadId);
            } catch (RuntimeException e) {
                log.error(
                        "Mapping the subnets of building file upload {} failed; it resumes at the next start",
                        uploadId,
                        e);
            }
        });
    }

    /** Every seen subnet of the tenant gets its map row for the upload, then the upload is marked mapped. */
    void map(long tenantId, long uploadId) {
        long started = System.nanoTime();
        NetworkMatcher matcher = matcher(uploadId);
        List<String> seen = repository.seenSubnets(tenantId);
        int done = 0;
        for (List<String> chunk : Chunks.of(seen)) {
            transactions.executeWithoutResult(status -> mapMissing(tenantId, uploadId, matcher, chunk));
            done += chunk.size();
            int mapped = done;
            transactions.executeWithoutResult(status -> repository.progress(uploadId, seen.size(), mapped));
        }
        // writers that took the lock before this upload existed have committed: catch up on their subnets
        transactions.executeWithoutResult(status -> {
            repository.lockExclusive(tenantId);
            mapMissing(tenantId, uploadId, matcher, repository.seenSubnets(tenantId));
            repository.mapped(uploadId, clock.instant());
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info(
                "Mapped {} subnets to building file upload {} in {} s ({} subnets/s)",
                seen.size(),
                uploadId,
                String.format("%.2f", seconds),
                Math.round(seen.size() / Math.max(seconds, 1e-3)));
    }

    /** In a session write: the written sessions' subnets that an upload has no map row for yet. */
    void mapNew(long tenantId, Collection<Long> sessionIds) {
        if (sessionIds.isEmpty() || !repository.lockShared(tenantId)) {
            return;
        }
        List<String> subnets = new ArrayList<>(new HashSet<>(repository.subnetsOfSessions(tenantId, sessionIds)));
        if (subnets.isEmpty()) {
            return;
        }
        for (long uploadId : repository.uploadIdsLocking(tenantId)) {
            mapMissing(tenantId, uploadId, matcher(uploadId), subnets);
        }
    }

    /** After a load that bypassed the write path: every seen subnet gets its map row for every upload. */
    void mapAll(long tenantId) {
        mapSeen(tenantId, () -> repository.seenSubnets(tenantId));
    }

    /**
     * After a bulk import of the UTC days [first, last], once their day rows are rebuilt: the subnets seen on those
     * days get their map rows; those of every other day got theirs when they arrived.
     */
    void mapDays(long tenantId, LocalDate first, LocalDate last) {
        mapSeen(tenantId, () -> repository.seenSubnets(tenantId, first, last));
    }

    private void mapSeen(long tenantId, java.util.function.Supplier<List<String>> seenSubnets) {
        transactions.executeWithoutResult(status -> {
            if (!repository.lockShared(tenantId)) {
                return;
            }
            List<String> seen = seenSubnets.get();
            for (long uploadId : repository.uploadIdsLocking(tenantId)) {
                mapMissing(tenantId, uploadId, matcher(uploadId), seen);
            }
        });
    }

    /** For verify-rollups: seen subnets without a map row of a mapped upload, and map rows that differ. */
    List<String> differences(long tenantId, int limit) {
        List<String> found = new ArrayList<>();
        List<String> seen = repository.seenSubnets(tenantId);
        for (LocationUpload upload : repository.uploads(tenantId)) {
            if (!upload.mapped()) {
                continue;
            }
            NetworkMatcher matcher = matcher(upload.id());
            Map<String, @Nullable Integer> stored = repository.mapOf(tenantId, upload.id());
            for (String subnet : seen) {
                if (found.size() >= limit) {
                    return found;
                }
                Integer expected = matcher.lineOf(subnet);
                if (!stored.containsKey(subnet)) {
                    found.add("locations: subnet " + subnet + " has no map row for building file version "
                            + upload.version());
                } else if (!java.util.Objects.equals(stored.get(subnet), expected)) {
                    found.add("locations: subnet " + subnet + " maps to line " + stored.get(subnet)
                            + " of building file version " + upload.version() + ", expected " + expected);
                }
            }
        }
        return found;
    }

    private void mapMissing(long tenantId, long uploadId, NetworkMatcher matcher, Collection<String> subnets) {
        Set<String> missing = new HashSet<>(subnets);
        missing.removeAll(repository.mappedOf(tenantId, uploadId, subnets));
        if (missing.isEmpty()) {
            return;
        }
        Map<String, @Nullable Integer> lines = new LinkedHashMap<>();
        missing.stream().sorted().forEach(subnet -> lines.put(subnet, matcher.lineOf(subnet)));
        repository.insertMap(tenantId, uploadId, lines);
    }

    private NetworkMatcher matcher(long uploadId) {
        synchronized (matchers) {
            NetworkMatcher cached = matchers.get(uploadId);
            if (cached != null) {
                return cached;
            }
        }
        var matcher = new NetworkMatcher(repository.networks(uploadId));
        synchronized (matchers) {
            matchers.put(uploadId, matcher);
        }
        return matcher;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
