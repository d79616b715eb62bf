package org.commsportal.security;

import java.util.Set;
import java.util.UUID;
import org.commsportal.database.EmbeddedDatabaseCondition;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates the first tenant and global administrator of an empty database from environment variables
 * ({@code PORTAL_ADMIN_TENANT}, {@code PORTAL_ADMIN_USERNAME}, {@code PORTAL_ADMIN_PASSWORD}). This is how an
 * external database gets its first account: no account with a well-known password is ever created there.
 */
@Component
class InitialAdministrator implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(InitialAdministrator.class);

    private final Environment environment;
    private final TenantService tenants;
    private final AccountService accounts;

    InitialAdministrator(Environment environment, TenantService tenants, AccountService accounts) {
        this.environment = environment;
        this.tenants = tenants;
        this.accounts = accounts;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String tenantName = setting("portal.admin.tenant");
        String username = setting("portal.admin.username");
        String password = setting("portal.admin.password");
        if (tenantName == null || username == null || password == null) {
            boolean externalDatabase = environment.getProperty(EmbeddedDatabaseCondition.EXTERNAL_URL_PROPERTY) != null;
            if (externalDatabase && !accounts.anyAccountExists()) {
                log.warn(
                        "No portal account exists yet. Set PORTAL_ADMIN_TENANT, PORTAL_ADMIN_USERNAME and "
                                + "PORTAL_ADMIN_PASSWORD (at least {} characters) and restart to create the first "
                                + "global administrator.",
                        AccountService.MIN_PASSWORD_LENGTH);
            }
            return;
        }
        if (accounts.anyAccountExists()) {
            return; // only ever provisions an empty portal
        }
        Tenant tenant = tenants.findByName(tenantName).orElseGet(() -> tenants.create(tenantName, UUID.randomUUID()));
        accounts.createAccount(tenant.id(), username, "Global administrator", password, Set.of(Role.GLOBAL_ADMIN));
        log.info("Created the first global administrator '{}' of tenant {}", username, tenantName);
    }

    /** A setting's value; blank counts as unset, as a compose file passes an unset variable on as "". */
    private @Nullable String setting(String name) {
        String value = environment.getProperty(name);
        return value == null || value.isBlank() ? null : value;
    }
}
