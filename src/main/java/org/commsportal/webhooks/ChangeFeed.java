package org.commsportal.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.commsportal.common.Chunks;
import org.commsportal.common.UtcDateTime;
import org.commsportal.sessions.CountedSession;
import org.commsportal.sessions.SessionChangeListener;
import org.commsportal.sessions.SessionChanges;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The change feed (docs/alerts-and-webhooks.md, "Change feed"): in the transaction of every session write, each of
 * the tenant's change-feed endpoints gets deliveries in the outbox of the sessions the write stored (new ones and new
 * versions of replaced ones, {@value #BATCH} at most per delivery) and the ids of the stored sessions it replaced or
 * removed. A write that rolls back leaves no delivery; one that commits leaves them for the sender. Re-linking
 * sessions to users written later changes no session record, so it sends nothing. Last in the listeners' order: it
 * locks nothing that another read model locks.
 */
@Component
@Order(20)
class ChangeFeed implements SessionChangeListener {

    static final String EVENT = "sessions.changed";
    static final int BATCH = 500;

    private final WebhookRepository repository;
    private final JdbcClient jdbc;
    private final Clock clock;

    ChangeFeed(WebhookRepository repository, JdbcClient jdbc, Clock clock) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void apply(SessionChanges changes) {
        List<WebhookRepository.Target> targets = repository.targets(changes.tenantId(), WebhookKind.CHANGE_FEED);
        if (targets.isEmpty()) {
            return;
        }
        Set<Long> removedIds = new HashSet<>();
        changes.removed().forEach(s -> removedIds.add(s.id()));
        Set<Long> addedIds = new HashSet<>();
        changes.added().forEach(s -> addedIds.add(s.id()));
        // a session re-linked to users keeps its id: it is in both lists and is no change of the record
        List<CountedSession> written = changes.added().stream()
                .filter(s -> !removedIds.contains(s.id()))
                .toList();
        List<Long> removed = removedIds.stream()
                .filter(id -> !addedIds.contains(id))
                .sorted()
                .toList();
        if (written.isEmpty() && removed.isEmpty()) {
            return;
        }
        List<Map<String, Object>> sessions = records(changes.tenantId(), written);
        Instant now = clock.instant();
        int batches = Math.max(1, (sessions.size() + BATCH - 1) / BATCH);
        for (int b = 0; b < batches; b++) {
            List<Map<String, Object>> part = sessions.subList(b * BATCH, Math.min(sessions.size(), (b + 1) * BATCH));
            for (var target : targets) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("sessions", part);
                data.put("removedSessionIds", b == 0 ? removed : List.of());
                data.put("part", b + 1);
                data.put("parts", batches);
                String key = UUID.randomUUID().toString();
                repository.enqueue(
                        changes.tenantId(), target.id(), EVENT, key, Webhooks.envelope(key, EVENT, now, data), now);
            }
        }
    }

    /** The stored rows of the written sessions, as the payload states them, in dialog id order. */
    private List<Map<String, Object>> records(long tenantId, List<CountedSession> written) {
        Map<Long, CountedSession> byId = new HashMap<>();
        written.forEach(s -> byId.put(s.id(), s));
        List<Map<String, Object>> records = new ArrayList<>();
        for (List<CountedSession> chunk : Chunks.of(written)) {
            // the start times let MariaDB read only the partitions that hold these sessions
            jdbc.sql("""
                            SELECT id, dialog_id, start_time, end_time, from_uri, to_uri, from_client_version,
                                   to_client_version, conference_url, conf_instance, response_code, diagnostic_id,
                                   diagnostic_header, im_message_count
                            FROM comm_session
                            WHERE tenant_id = :tenantId AND id IN (:ids) AND start_time IN (:starts)
                            """)
                    .param("tenantId", tenantId)
                    .param("ids", chunk.stream().map(CountedSession::id).toList())
                    .param(
                            "starts",
                            chunk.stream()
                                    // as stored: DATETIME(3) keeps whole milliseconds
                                    .map(s -> UtcDateTime.toColumn(
                                            s.start().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)))
                                    .distinct()
                                    .toList())
                    .query((rs, row) -> {
                        Map<String, Object> r = new LinkedHashMap<>();
                        long id = rs.getLong("id");
                        r.put("sessionId", id);
                        r.put("dialogId", rs.getString("dialog_id"));
                        r.put(
                                "start",
                                UtcDateTime.fromColumn(rs.getObject("start_time", LocalDateTime.class))
                                        .toString());
                        r.put(
                                "end",
                                UtcDateTime.fromColumn(rs.getObject("end_time", LocalDateTime.class))
                                        .toString());
                        r.put("fromUri", rs.getString("from_uri"));
                        r.put("toUri", rs.getString("to_uri"));
                        r.put("fromClientVersion", rs.getString("from_client_version"));
                        r.put("toClientVersion", rs.getString("to_client_version"));
                        r.put("conferenceUrl", rs.getString("conference_url"));
                        r.put("confInstance", rs.getString("conf_instance"));
                        r.put("responseCode", rs.getObject("response_code", Integer.class));
                        r.put("diagnosticId", rs.getObject("diagnostic_id", Integer.class));
                        r.put("diagnosticHeader", rs.getString("diagnostic_header"));
                        r.put("imMessageCount", rs.getInt("im_message_count"));
                        Map<String, Long> media = new TreeMap<>();
                        byId.get(id).durations().forEach((modality, ms) -> media.put(modality.name(), ms));
                        r.put("mediaDurationsMs", media);
                        return r;
                    })
                    .list()
                    .forEach(records::add);
        }
        records.sort(java.util.Comparator.comparing(r -> (String) r.get("dialogId")));
        return records;
    }
}
