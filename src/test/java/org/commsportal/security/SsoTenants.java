package org.commsportal.security;

import java.util.List;
import java.util.Set;
import org.commsportal.TestTenants;
import org.commsportal.tenant.Tenant;
import org.springframework.stereotype.Component;

/** Tenants whose people sign in with a provider of {@link OidcProvider}, configured as a global administrator would. */
@Component
public class SsoTenants {

    public static final String CLIENT_ID = "comms-portal";
    public static final String CLIENT_SECRET = "client-secret-for-tests";

    private final TestTenants tenants;
    private final SingleSignOn sso;

    SsoTenants(TestTenants tenants, SingleSignOn sso) {
        this.tenants = tenants;
        this.sso = sso;
    }

    /** A tenant with a local global administrator, whose user name is returned with the provider's name. */
    public record Configured(Tenant tenant, String admin, String registrationId, String issuerId) {}

    public Configured newTenant(String label, List<SsoRoleMapping> mappings) {
        Tenant tenant = tenants.newTenant(label);
        String admin = tenants.newAccount(tenant, Role.GLOBAL_ADMIN);
        String issuerId = OidcProvider.newIssuerId(label);
        tenants.signIn(admin);
        try {
            sso.save(change(label + " IdP", OidcProvider.issuer(issuerId), mappings, false, Set.of()));
            return new Configured(tenant, admin, sso.settings().orElseThrow().registrationId(), issuerId);
        } finally {
            TestTenants.signOut();
        }
    }

    public static SsoSettingsChange change(
            String name, String issuer, List<SsoRoleMapping> mappings, boolean ssoOnly, Set<String> exceptions) {
        return new SsoSettingsChange(
                name,
                issuer,
                CLIENT_ID,
                CLIENT_SECRET,
                "openid profile email",
                "groups",
                true,
                ssoOnly,
                mappings,
                exceptions);
    }
}
