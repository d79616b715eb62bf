package org.commsportal.sessions;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.util.ClassUtils;

/**
 * For {@code verify-rollups}: the daily rollups and distinct users per day against a recomputation from the raw
 * sessions, then each read model against its own recomputation, in the read models' order. Each check runs in
 * its own transaction.
 */
@Service
public class ReadModelCheck {

    private static final Logger log = LoggerFactory.getLogger(ReadModelCheck.class);

    private final RollupCheckRepository rollups;
    private final List<SessionChangeListener> readModels;
    private final BulkImportRepository bulkImports;
    private final LockedSteps lockedSteps;

    ReadModelCheck(
            RollupCheckRepository rollups,
            List<SessionChangeListener> readModels,
            BulkImportRepository bulkImports,
            LockedSteps lockedSteps) {
        this.rollups = rollups;
        this.readModels = readModels;
        this.bulkImports = bulkImports;
        this.lockedSteps = lockedSteps;
    }

    /** Hears each step of {@link #rebuildDays} as it begins, on the rebuilding thread. */
    @FunctionalInterface
    public interface RebuildSteps {
        RebuildSteps NONE = (step, steps, what) -> {};

        /**
         * Step {@code step} (from 1) of {@code steps} begins; {@code what} it rebuilds ("daily rollups of 2025-01-01
         * to 2025-01-07", "read model QualityStreams").
         */
        void next(int step, int steps, String what);
    }

    /**
     * Every difference found, human-readable, at most {@code limit}; empty when everything is exact. The time of each
     * check is logged: on a large tenant a check is minutes of the database's work.
     */
    public List<String> differences(long tenantId, int limit) {
        long started = System.nanoTime();
        List<String> differences = new ArrayList<>(rollups.differences(tenantId, limit));
        log.info("Check of tenant {}: daily rollups in {} ms", tenantId, millisSince(started));
        for (SessionChangeListener readModel : readModels) {
            if (differences.size() >= limit) {
                break;
            }
            long checkStarted = System.nanoTime();
            differences.addAll(readModel.differences(tenantId, limit - differences.size()));
            log.info(
                    "Check of tenant {}: {} in {} ms",
                    tenantId,
                    ClassUtils.getUserClass(readModel).getSimpleName(),
                    millisSince(checkStarted));
        }
        return differences;
    }

    /**
     * Rebuilds from the raw sessions every read model that can (SessionChangeListener#rebuild), each in its own
     * transaction; the names of the read models rebuilt.
     */
    public List<String> rebuild(long tenantId) {
        List<String> rebuilt = new ArrayList<>();
        for (SessionChangeListener readModel : readModels) {
            if (readModel.rebuild(tenantId)) {
                rebuilt.add(ClassUtils.getUserClass(readModel).getSimpleName());
            }
        }
        return rebuilt;
    }

    /**
     * After a bulk load of raw rows (BulkSessionWriter): rebuilds the tenant's daily rollups of the UTC days [first,
     * last], a week of days per transaction, then every read model in its order, each with
     * SessionChangeListener#rebuildDays, or else its whole rebuild in one transaction; each transaction first takes
     * the tenant's write lock exclusively, so concurrent writers of the tenant wait for a step instead of seeing it
     * half done. Returns the names of the read models rebuilt; one that can do neither (the change feed) is left
     * alone (docs/ingest.md, "Bulk imports").
     */
    public List<String> rebuildDays(long tenantId, java.time.LocalDate first, java.time.LocalDate last) {
        return rebuildDays(tenantId, first, last, null, RebuildSteps.NONE);
    }

    /**
     * {@link #rebuildDays(long, java.time.LocalDate, java.time.LocalDate)}, telling {@code steps} of each step (the
     * time of each step is logged), and knowing that no session stored or replaced is in progress after the UTC day
     * {@code lastInProgress} (null: not known), which lets the active users rebuild those days only
     * (SessionChangeListener#rebuildDays).
     */
    public List<String> rebuildDays(
            long tenantId,
            java.time.LocalDate first,
            java.time.LocalDate last,
            java.time.@Nullable LocalDate lastInProgress,
            RebuildSteps steps) {
        long started = System.nanoTime();
        int weeks = (int) ((java.time.temporal.ChronoUnit.DAYS.between(first, last) + 7) / 7);
        int total = weeks + readModels.size();
        int[] week = {0};
        lockedSteps.forEachWeek(tenantId, first, last, (from, until) -> {
            steps.next(++week[0], total, "daily rollups of " + from + " to " + until.minusDays(1));
            bulkImports.rebuildRollups(tenantId, from, until);
        });
        int step = week[0];
        log.info(
                "Bulk rebuild of tenant {}: daily rollups of {}..{} in {} ms",
                tenantId,
                first,
                last,
                millisSince(started));
        List<String> rebuilt = new ArrayList<>();
        for (SessionChangeListener readModel : readModels) {
            String name = ClassUtils.getUserClass(readModel).getSimpleName();
            steps.next(++step, total, "read model " + name);
            long stepStarted = System.nanoTime();
            boolean done = readModel.rebuildDays(tenantId, first, last, lastInProgress)
                    || Boolean.TRUE.equals(lockedSteps.call(tenantId, () -> readModel.rebuild(tenantId)));
            if (done) {
                rebuilt.add(name);
                log.info("Bulk rebuild of tenant {}: {} in {} ms", tenantId, name, millisSince(stepStarted));
            }
        }
        return rebuilt;
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
