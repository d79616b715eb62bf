package org.commsportal.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commsportal.RollupRecomputation.normalized;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.RollupRecomputation;
import org.commsportal.TestTenants;
import org.commsportal.activeusers.ActiveUserRecomputation;
import org.commsportal.activeusers.ActiveUsersService;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.ingest.MediaType;
import org.commsportal.ingest.MediaUsage;
import org.commsportal.ingest.Quality;
import org.commsportal.ingest.SessionRecord;
import org.commsportal.ingest.SessionWriter;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The retention purge removes exactly the sessions before the first retained day, and every rollup follows. */
@PortalIntegrationTest
class RetentionPurgeIT {

    @Autowired RetentionPurge purge;
    @Autowired SessionWriter writer;
    @Autowired DirectoryService directory;
    @Autowired CurrentTenant currentTenant;
    @Autowired TenantService tenants;
    @Autowired TestTenants testTenants;
    @Autowired ActiveUsersService activeUsers;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    @Test
    void sessions_before_the_first_retained_day_go_in_batches_and_rollups_stay_equal_to_a_recomputation() {
        long created = testTenants.newTenant("retention").id();
        jdbc.sql("UPDATE tenant SET retention_days = 30 WHERE id = :t").param("t", created).update();
        Tenant t = tenants.all().stream().filter(x -> x.id() == created).findFirst().orElseThrow();
        String ada = "sip:ada@" + t.name();
        String ben = "sip:ben@" + t.name();
        currentTenant.runAs(t.id(), () -> directory.upsert(List.of(
                new UserRecord("ada@" + t.name(), "ada", "Ada", LocalDate.parse("2024-01-01"), null),
                new UserRecord("ben@" + t.name(), "ben", "Ben", LocalDate.parse("2024-01-01"), null))));
        Instant cutoff = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<SessionRecord> sessions = new ArrayList<>();
        for (int i = 0; i < 130; i++) { // older than the retention: more than three batches of 40
            Instant start = cutoff.minusSeconds(3600L * (i + 1));
            sessions.add(session("old-" + i, start, start.plusSeconds(600), i % 2 == 0 ? ada : ben, i % 3 == 0 ? ben : null,
                    i % 4 == 0 ? MediaType.IM : MediaType.AUDIO));
        }
        // starts before the first retained day and lasts into it: purged with its activity on the retained day
        sessions.add(session("straddling", cutoff.minusSeconds(1800), cutoff.plusSeconds(1800), ada, null, MediaType.VIDEO));
        for (int i = 0; i < 50; i++) {
            Instant start = cutoff.plusSeconds(3600L * i);
            sessions.add(session("kept-" + i, start, start.plusSeconds(900), i % 2 == 0 ? ben : ada, ada,
                    i % 5 == 0 ? MediaType.IM : MediaType.VIDEO));
        }
        currentTenant.runAs(t.id(), () -> writer.write(sessions));

        assertThat(purge.purge(t)).isEqualTo(131);

        assertThat(jdbc.sql("SELECT dialog_id FROM comm_session WHERE tenant_id = :t").param("t", t.id())
                .query(String.class).list()).hasSize(50).allMatch(id -> id.startsWith("kept-"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM user_quarter_hours WHERE tenant_id = :t AND day < :d")
                .param("t", t.id()).param("d", LocalDate.ofInstant(cutoff, ZoneOffset.UTC)).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM user_daily_rollup WHERE tenant_id = :t AND day < :d")
                .param("t", t.id()).param("d", LocalDate.ofInstant(cutoff, ZoneOffset.UTC)).query(Long.class).single()).isZero();
        assertThat(normalized(RollupRecomputation.storedUserRollups(jdbc, t.id())))
                .isEqualTo(normalized(RollupRecomputation.recomputedUserRollups(jdbc, t.id())));
        assertThat(normalized(RollupRecomputation.storedTenantRollups(jdbc, t.id())))
                .isEqualTo(normalized(RollupRecomputation.recomputedTenantRollups(jdbc, t.id())));
        assertThat(normalized(RollupRecomputation.storedDistinctUsers(jdbc, t.id())))
                .isEqualTo(normalized(RollupRecomputation.recomputedDistinctUsers(jdbc, t.id())));
        ActiveUserRecomputation.assertReportsEqualRecomputation(activeUsers, jdbc, testTenants, t);
        assertThat(purge.purge(t)).as("a second run finds nothing").isZero();
    }

    private static SessionRecord session(String dialogId, Instant start, Instant end, String from, String to, MediaType media) {
        return new SessionRecord(dialogId, start, end, from, to, "UCCAPI/16.0", null, null, null, null, null, null, null,
                null, null, 200, null, List.of(new MediaUsage(media, end.toEpochMilli() - start.toEpochMilli())), 0,
                Quality.Report.none());
    }
}
