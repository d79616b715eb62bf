package org.commsportal.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commsportal.common.StartupLoad;
import org.commsportal.database.EmbeddedDatabaseCondition;
import org.commsportal.security.AccountService;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * On the first start of the embedded database, loads the demo tenants and one demo account per role. Never
 * runs against an external database (see {@link EmbeddedDatabaseCondition}): demo accounts have a well-known
 * password. The tenants and accounts exist before the web server opens; their users and sessions are written in the
 * background while the portal already serves, every page saying how far they have got (docs/configuration.md, "Demo
 * data"), unless {@code portal.demo.in-background} is false (the tests), when they are written before it opens.
 */
@Component
@Conditional(EmbeddedDatabaseCondition.class)
@EnableConfigurationProperties(DemoProperties.class)
class DemoTenantInitializer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoTenantInitializer.class);

    /** Demo account user name prefix for each role; the first tenant's accounts have no suffix. */
    static final Map<Role, String> DEMO_ACCOUNTS = demoAccounts();

    private final DemoProperties properties;
    private final DemoDataGenerator generator;
    private final TenantService tenants;
    private final AccountService accounts;
    private final Clock clock;
    private final org.commsportal.locations.LocationService locations;
    private final org.commsportal.tenant.CurrentTenant currentTenant;
    private final StartupLoad startupLoad;

    DemoTenantInitializer(
            DemoProperties properties,
            DemoDataGenerator generator,
            TenantService tenants,
            AccountService accounts,
            Clock clock,
            org.commsportal.locations.LocationService locations,
            org.commsportal.tenant.CurrentTenant currentTenant,
            StartupLoad startupLoad) {
        this.properties = properties;
        this.generator = generator;
        this.tenants = tenants;
        this.accounts = accounts;
        this.clock = clock;
        this.locations = locations;
        this.currentTenant = currentTenant;
        this.startupLoad = startupLoad;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.enabled() || !tenants.all().isEmpty()) {
            return;
        }
        LocalDate lastCompleteDay =
                LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
        var spec = new DemoDataSpec(
                properties.seed(), properties.tenants(), properties.users(), properties.days(), lastCompleteDay);
        log.info(
                "Empty embedded database: generating demo data ({} tenants x {} users x {} days)",
                spec.tenants(),
                spec.users(),
                spec.days());
        List<Tenant> created = generator.createTenants(spec);
        for (int i = 0; i < created.size(); i++) {
            createAccounts(created.get(i), i == 0 ? "" : "@" + created.get(i).name());
        }
        printAccounts(created);
        if (!properties.inBackground()) {
            populate(spec, created);
            return;
        }
        startupLoad.begin("Demo data");
        Thread thread = new Thread(
                () -> {
                    try {
                        populate(spec, created);
                    } catch (RuntimeException e) {
                        log.error("Generating the demo data failed; delete the data directory to start again", e);
                    } finally {
                        startupLoad.end();
                    }
                },
                "demo-data");
        thread.setDaemon(true);
        thread.start();
    }

    private void populate(DemoDataSpec spec, List<Tenant> created) {
        long started = System.nanoTime();
        generator.populate(spec, created, startupLoad::progress);
        for (Tenant tenant : created) {
            currentTenant.runAs(
                    tenant.id(),
                    () -> locations.uploadForDemo(
                            "demo-buildings.csv",
                            new java.io.ByteArrayInputStream(
                                    DemoBuildingFile.TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        log.info("Demo data ready in {} s", (System.nanoTime() - started) / 1_000_000_000);
    }

    private void createAccounts(Tenant tenant, String suffix) {
        DEMO_ACCOUNTS.forEach((role, name) -> accounts.createAccount(
                tenant.id(), name + suffix, role.title() + " (demo)", properties.password(), Set.of(role)));
    }

    private void printAccounts(List<Tenant> created) {
        var out = new StringBuilder("\n\n  WARNING: demo accounts with a well-known password, for local use only.\n")
                .append("  Every account below signs in with the password '")
                .append(properties.password())
                .append("'.\n\n");
        DEMO_ACCOUNTS.forEach((role, name) -> out.append(String.format("  %-22s %s%n", name, role.title())));
        for (int i = 1; i < created.size(); i++) {
            out.append(String.format(
                    "  (tenant %s: the same names with the suffix @%s)%n",
                    created.get(i).name(), created.get(i).name()));
        }
        log.warn(out.toString());
    }

    private static Map<Role, String> demoAccounts() {
        Map<Role, String> names = new LinkedHashMap<>();
        names.put(Role.GLOBAL_ADMIN, "global.admin");
        names.put(Role.SFB_ADMIN, "sfb.admin");
        names.put(Role.REPORTS_READER, "reports.reader");
        names.put(Role.GLOBAL_READER, "global.reader");
        names.put(Role.USAGE_SUMMARY_READER, "usage.reader");
        names.put(Role.BILLING_ADMIN, "billing.admin");
        names.put(Role.PASSWORD_ADMIN, "password.admin");
        names.put(Role.USER_MANAGEMENT_ADMIN, "usermgmt.admin");
        names.put(Role.SERVICE_ADMIN, "service.admin");
        return names;
    }
}
