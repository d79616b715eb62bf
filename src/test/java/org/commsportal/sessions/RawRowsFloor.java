package org.commsportal.sessions;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.commsportal.ingest.IngestProblems;
import org.commsportal.ingest.IngestRecords;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The floor under the ingest rate, for the benchmark: parses NDJSON sessions as the endpoint does and writes only
 * their raw rows (dialog-id locks, sessions, media, quality), with the session writer's statements, one transaction
 * per batch, but no rollups, period totals or active users and no HTTP.
 */
public final class RawRowsFloor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IngestRecords records;
    private final SessionRepository sessions;
    private final SessionQualityRank qualityRank;
    private final TransactionTemplate transactions;

    public RawRowsFloor(ApplicationContext context) {
        this.records = context.getBean(IngestRecords.class);
        this.sessions = context.getBean(SessionRepository.class);
        this.qualityRank = context.getBean(SessionQualityRank.class);
        this.transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        // as the session writer: locking reads of absent dialog ids take no gap locks that concurrent inserts hit
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    /** Parses and writes one batch of NDJSON lines for the tenant. */
    public void write(long tenantId, List<String> lines) throws java.io.IOException {
        List<SessionRecord> batch = new ArrayList<>();
        var problems = new IngestProblems();
        for (int index = 0; index < lines.size(); index++) {
            SessionRecord session = records.session(index, JSON.readTree(lines.get(index)), problems);
            if (session == null) {
                throw new IllegalArgumentException(problems.listed().toString());
            }
            batch.add(session);
        }
        batch.sort(Comparator.comparing(SessionRecord::dialogId));
        transactions.executeWithoutResult(status -> {
            var existing = sessions.lockExisting(
                    tenantId, batch.stream().map(SessionRecord::dialogId).toList());
            var userIds = sessions.partyLinks(
                    tenantId,
                    batch.stream()
                            .flatMap(s -> s.toUri() == null
                                    ? java.util.stream.Stream.of(SipUris.upn(s.fromUri()))
                                    : java.util.stream.Stream.of(SipUris.upn(s.fromUri()), SipUris.upn(s.toUri())))
                            .distinct()
                            .toList());
            var ids = sessions.insertSessions(tenantId, batch, userIds, qualityRank, existing.dialogIds());
            sessions.insertMedia(tenantId, batch, ids);
            sessions.insertQuality(tenantId, batch, ids);
        });
    }
}
