package org.commsportal.activeusers;

import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Builds, in the background after start-up, the active-user rows of tenants whose sessions predate them (a
 * database upgraded to changeset 010), so that no request has to. Requests meanwhile get "not ready".
 */
@Component
@ConditionalOnProperty(name = "portal.active-users.build-on-start", havingValue = "true", matchIfMissing = true)
class ActiveUsersStartupBuild implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ActiveUsersStartupBuild.class);

    private final TenantService tenants;
    private final ActiveUserRepository repository;
    private final ActiveUserBuild build;

    ActiveUsersStartupBuild(TenantService tenants, ActiveUserRepository repository, ActiveUserBuild build) {
        this.tenants = tenants;
        this.repository = repository;
        this.build = build;
    }

    @Override
    public void run(ApplicationArguments args) {
        var unbuilt = tenants.all().stream()
                .filter(tenant -> !repository.built(tenant.id()))
                .toList();
        if (unbuilt.isEmpty()) {
            return;
        }
        Thread thread = new Thread(
                () -> {
                    for (Tenant tenant : unbuilt) {
                        try {
                            log.info("Building the active-user rows of {} from its stored sessions", tenant.name());
                            build.build(tenant.id(), true);
                        } catch (RuntimeException e) {
                            // the tenant's first report read tries again
                            log.warn("Building the active-user rows of {} failed: {}", tenant.name(), e.toString());
                        }
                    }
                },
                "active-users-build");
        thread.setDaemon(true);
        thread.start();
    }
}
