package org.commsportal.bench;

import java.time.LocalDate;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activity.ActivityService;
import org.commsportal.directory.DirectoryService;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Server time of the session details page: a 30-day search of a busy user, a two-level group-by, sub-tabs. */
@Tag("bench")
@PortalIntegrationTest
class SessionDetailsBenchmarkIT {

    @Autowired ActivityService activity;
    @Autowired JdbcClient jdbc;
    @Autowired TenantService tenants;
    @Autowired DirectoryService directory;
    @Autowired CurrentTenant currentTenant;
    @Autowired TestTenants testTenants;

    @Test
    void session_details_figures() {
        int users = Integer.getInteger("bench.users", 1_000);
        int days = Integer.getInteger("bench.days", 180);
        int qualityDays = Integer.getInteger("bench.qualityDays", 35);
        var bench = new BenchTenant(jdbc, tenants, directory, currentTenant, testTenants);
        LocalDate lastDay = activity.reportDate();
        Tenant tenant = bench.load(users, days, lastDay);
        bench.loadQuality(tenant, lastDay, Math.min(days, qualityDays));
    }
}
