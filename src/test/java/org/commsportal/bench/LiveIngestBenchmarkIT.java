package org.commsportal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.activity.ActivityService;
import org.commsportal.ingest.IngestProblems;
import org.commsportal.ingest.IngestRecords;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The per-request write path into the bench data set's tenant as it is used live: batches of sessions of the data
 * set's last day between its users, with quality records, written as the ingestion API writes them (every read model
 * kept in each batch's transaction), in batches of 1,000 and of 100. What a batch costs there grows with what the
 * tenant already holds on the day, unlike in {@link BulkImportBenchmarkIT}'s new tenant. The sessions are removed
 * again at the end (a write that removes them, timed too), so the data set stays as it was.
 */
@Tag("bench")
@PortalIntegrationTest
class LiveIngestBenchmarkIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ActivityService activity;

    @Autowired
    BenchTenant bench;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    IngestRecords records;

    @Autowired
    SessionWriter writer;

    @Autowired
    JdbcClient jdbc;

    @Test
    void batches_of_the_last_day_written_into_the_whole_tenant() {
        int users = Integer.getInteger("bench.users", 1_000);
        int days = Integer.getInteger("bench.days", 180);
        int batches = Integer.getInteger("bench.live.batches", 10);
        LocalDate lastDay = activity.reportDate();
        Tenant tenant = bench.load(users, days, lastDay);
        List<String> upns = jdbc.sql("SELECT upn FROM bench_user WHERE tenant_id = :t ORDER BY n")
                .param("t", tenant.id())
                .query(String.class)
                .list();
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> written = new ArrayList<>();
        // -Dbench.live.sizes: the batch sizes, e.g. 100 alone
        int[] sizes = java.util.Arrays.stream(
                        System.getProperty("bench.live.sizes", "1000,100").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        for (int size : sizes) {
            double[] samples = new double[batches];
            for (int b = 0; b < batches; b++) {
                List<SessionRecord> batch = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    int n = b * size + i;
                    String dialogId = "bench-live-" + run + "-" + size + "-" + n;
                    batch.add(parsed(session(dialogId, n + size, lastDay, upns)));
                    written.add(dialogId);
                }
                long started = System.nanoTime();
                currentTenant.runAs(tenant.id(), () -> writer.write(batch));
                samples[b] = (System.nanoTime() - started) / 1e6;
            }
            var timing = Medians.Timing.of(samples);
            System.out.printf(
                    "%nLive ingest into %,d users: batches of %,d, median %.1f ms (%,.0f sessions/s), p95 %.1f ms%n",
                    users, size, timing.medianMs(), size * 1000 / timing.medianMs(), timing.p95Ms());
            BenchFigures.record(
                    "Live ingest",
                    "a batch of " + size + " sessions of the last day",
                    timing.medianMs(),
                    timing.p95Ms(),
                    Double.NaN,
                    "%,.0f sessions/s (median), every read model kept".formatted(size * 1000 / timing.medianMs()));
        }
        long started = System.nanoTime();
        int removed = currentTenant.runAs(tenant.id(), () -> writer.replace(List.of(), written));
        double removeMs = (System.nanoTime() - started) / 1e6;
        assertThat(removed).isEqualTo(written.size());
        BenchFigures.record(
                "Live ingest",
                "removing them all again (" + written.size() + " sessions, one write)",
                removeMs,
                removeMs,
                Double.NaN,
                "");
    }

    private SessionRecord parsed(String line) {
        try {
            var problems = new IngestProblems();
            SessionRecord session = records.session(0, JSON.readTree(line), problems);
            if (session == null) {
                throw new IllegalArgumentException(problems.listed().toString());
            }
            return session;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A session of the day between two of the data set's users: peer-to-peer IM or audio, some with video, with an
     * audio stream and media line, sometimes feedback.
     */
    private static String session(String dialogId, int n, LocalDate day, List<String> upns) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(n * 37L % 86_000);
        int users = upns.size();
        return BenchSessionJson.of(
                dialogId,
                start,
                upns.get((int) ((n * 7919L) % users)),
                upns.get((int) ((n * 104_729L + 1) % users)),
                "UCCAPI/16.0 OC/16.0",
                "",
                true,
                n);
    }
}
