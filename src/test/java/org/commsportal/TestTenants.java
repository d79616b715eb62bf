package org.commsportal;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.commsportal.security.PortalUser;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Fresh, uniquely named tenants and accounts for integration tests, and signing in as one in-process. */
@Component
public class TestTenants {

    public static final String PASSWORD = "correct-horse-battery";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final TenantService tenants;
    private final org.commsportal.security.AccountService accounts;

    TestTenants(TenantService tenants, org.commsportal.security.AccountService accounts) {
        this.tenants = tenants;
        this.accounts = accounts;
    }

    public Tenant newTenant(String label) {
        return tenants.create(
                label + "-" + SEQUENCE.incrementAndGet() + "-" + uniqueDigits() + ".test", UUID.randomUUID());
    }

    /**
     * Nine random digits that keep names unique across runs on a reused database. Digits, not hex: a hex suffix such as
     * "2ada8956" made a search for the user "ada" also find "ben@attach-5-2ada8956.test" (ScheduledReportsIT failed so
     * in CI), and the tests search users by their letters.
     */
    public static String uniqueDigits() {
        return String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
    }

    /** Creates an account with the roles and returns its user name. */
    public String newAccount(Tenant tenant, Role... roles) {
        // unique across runs too: benchmarks reuse their database
        String username = "it-" + SEQUENCE.incrementAndGet() + "-" + uniqueDigits() + "@" + tenant.name();
        accounts.createAccount(tenant.id(), username, "Test account", PASSWORD, Set.of(roles));
        return username;
    }

    /** Puts the account into this thread's security context, as a sign-in would. */
    public void signIn(String username) {
        PortalUser user = (PortalUser) accounts.loadUserByUsername(username);
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    public void signInAs(Tenant tenant, Role... roles) {
        signIn(newAccount(tenant, roles));
    }

    /** An ingestion key of the tenant, created by a new global administrator of it; the key as sent. */
    public String newIngestionKey(Tenant tenant, org.commsportal.ingest.IngestionKeys keys, String name) {
        signInAs(tenant, Role.GLOBAL_ADMIN);
        try {
            return keys.create(name).key();
        } finally {
            signOut();
        }
    }

    public static void signOut() {
        SecurityContextHolder.clearContext();
    }

    public List<Tenant> all() {
        return tenants.all();
    }
}
