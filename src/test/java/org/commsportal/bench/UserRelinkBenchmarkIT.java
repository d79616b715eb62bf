package org.commsportal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activity.UserPeriodTotals;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cost of a user write that re-matches N stored sessions (docs/ingest.md, "How parties are matched to users"):
 * N sessions of a UPN arrive before the user; then the user is written (N start counting), its licence moved past
 * them (N stop), and moved back (N count again), each timed as one directory write with every read model kept up.
 * {@code -Dbench.relink.sizes} (default 10,1000,100000).
 */
@Tag("bench")
@PortalIntegrationTest
class UserRelinkBenchmarkIT {

    /** The benchmarks' fixed day (BenchClock), not the machine's. */
    @Autowired
    java.time.Clock clock;

    @Autowired
    TestTenants testTenants;

    @Autowired
    DirectoryService directory;

    @Autowired
    SessionWriter writer;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    UserPeriodTotals periodTotals;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_user_write_that_rematches_n_sessions() {
        for (String size :
                System.getProperty("bench.relink.sizes", "10,1000,100000").split(",")) {
            int sessions = Integer.parseInt(size.strip());
            Tenant tenant = testTenants.newTenant("relink");
            LocalDate reportDate = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
            String upn = "late@" + tenant.name();
            currentTenant.runAs(tenant.id(), () -> {
                periodTotals.moveTo(reportDate); // as once an administrator has opened the report
                List<SessionRecord> batch = new ArrayList<>();
                for (int i = 0; i < sessions; i++) {
                    Instant start = reportDate
                            .minusDays(i % 30)
                            .atTime(8, 0)
                            .toInstant(ZoneOffset.UTC)
                            .plusSeconds(i % 36_000);
                    batch.add(new SessionRecord(
                            "relink-" + i,
                            start,
                            start.plusSeconds(300),
                            "sip:" + upn,
                            "sip:peer@partner.example",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            200,
                            null,
                            Arrays.asList(new MediaUsage(Modality.AUDIO, 300_000), new MediaUsage(Modality.IM, 0)),
                            0,
                            Quality.Report.none()));
                    if (batch.size() == 1_000 || i == sessions - 1) {
                        writer.write(batch);
                        batch = new ArrayList<>();
                    }
                }
            });
            double link = timedWrite(tenant, new UserRecord(upn, "late", "Late", reportDate.minusYears(1), null));
            assertThat(linked(tenant)).isEqualTo(sessions);
            double unlink = timedWrite(tenant, new UserRecord(upn, "late", "Late", reportDate.plusDays(1), null));
            assertThat(linked(tenant)).isZero();
            double relink = timedWrite(tenant, new UserRecord(upn, "late", "Late", reportDate.minusYears(1), null));
            assertThat(linked(tenant)).isEqualTo(sessions);
            double[] timings = {link, unlink, relink};
            Arrays.sort(timings);
            BenchFigures.record(
                    "User re-matching",
                    "user write re-matching %,d sessions".formatted(sessions),
                    timings[1],
                    timings[2],
                    Double.NaN,
                    "link %.0f / unlink %.0f / link again %.0f ms".formatted(link, unlink, relink));
        }
    }

    private double timedWrite(Tenant tenant, UserRecord user) {
        long started = System.nanoTime();
        currentTenant.runAs(tenant.id(), () -> directory.upsert(List.of(user)));
        return (System.nanoTime() - started) / 1e6;
    }

    private long linked(Tenant tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t AND from_user_id IS NOT NULL")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
    }
}
