package org.commsportal.security;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.commsportal.common.UtcDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Single sign-on providers, their role mappings and the local accounts excepted from an SSO-only tenant. */
@Repository
class SsoProviderRepository {

    /** A provider row as stored, its client secret still encrypted. */
    record StoredProvider(
            long id,
            long tenantId,
            String registrationId,
            String displayName,
            String issuer,
            String clientId,
            byte[] clientSecretEnc,
            String scopes,
            String rolesClaim,
            boolean enabled,
            boolean ssoOnly,
            Instant updatedAt) {}

    private static final String SELECT = """
            SELECT id, tenant_id, registration_id, display_name, issuer, client_id, client_secret_enc, scopes,
                   roles_claim, enabled, sso_only, updated_at
            FROM oidc_provider""";

    private final JdbcClient jdbc;

    SsoProviderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant's provider (uk_oidc_provider_tenant). */
    Optional<StoredProvider> findByTenant(long tenantId) {
        return jdbc.sql(SELECT + " WHERE tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .query(SsoProviderRepository::toProvider)
                .optional();
    }

    /** The provider a sign-in URL names (uk_oidc_provider_registration). */
    Optional<StoredProvider> findByRegistrationId(String registrationId) {
        return jdbc.sql(SELECT + " WHERE registration_id = :registrationId")
                .param("registrationId", registrationId)
                .query(SsoProviderRepository::toProvider)
                .optional();
    }

    /** Enabled providers of every tenant, for the sign-in page, by label. */
    List<StoredProvider> enabled() {
        return jdbc.sql(SELECT + " WHERE enabled ORDER BY display_name, id")
                .query(SsoProviderRepository::toProvider)
                .list();
    }

    /** Whether another tenant's provider has this issuer (uk_oidc_provider_issuer). */
    boolean issuerUsedByAnotherTenant(String issuer, long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM oidc_provider WHERE issuer = :issuer AND tenant_id <> :tenantId")
                        .param("issuer", issuer)
                        .param("tenantId", tenantId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long insert(StoredProvider provider) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO oidc_provider (tenant_id, registration_id, display_name, issuer, client_id,
                                           client_secret_enc, scopes, roles_claim, enabled, sso_only, updated_at)
                VALUES (:tenantId, :registrationId, :displayName, :issuer, :clientId, :secret, :scopes, :rolesClaim,
                        :enabled, :ssoOnly, :updatedAt)
                """)
                .param("tenantId", provider.tenantId())
                .param("registrationId", provider.registrationId())
                .param("displayName", provider.displayName())
                .param("issuer", provider.issuer())
                .param("clientId", provider.clientId())
                .param("secret", provider.clientSecretEnc())
                .param("scopes", provider.scopes())
                .param("rolesClaim", provider.rolesClaim())
                .param("enabled", provider.enabled())
                .param("ssoOnly", provider.ssoOnly())
                .param("updatedAt", UtcDateTime.toColumn(provider.updatedAt()))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void update(StoredProvider provider) {
        jdbc.sql("""
                UPDATE oidc_provider SET display_name = :displayName, issuer = :issuer, client_id = :clientId,
                       client_secret_enc = :secret, scopes = :scopes, roles_claim = :rolesClaim, enabled = :enabled,
                       sso_only = :ssoOnly, updated_at = :updatedAt
                WHERE id = :id AND tenant_id = :tenantId
                """)
                .param("displayName", provider.displayName())
                .param("issuer", provider.issuer())
                .param("clientId", provider.clientId())
                .param("secret", provider.clientSecretEnc())
                .param("scopes", provider.scopes())
                .param("rolesClaim", provider.rolesClaim())
                .param("enabled", provider.enabled())
                .param("ssoOnly", provider.ssoOnly())
                .param("updatedAt", UtcDateTime.toColumn(provider.updatedAt()))
                .param("id", provider.id())
                .param("tenantId", provider.tenantId())
                .update();
    }

    /** The provider's mappings, by claim value and role. */
    List<SsoRoleMapping> mappings(long providerId) {
        return jdbc.sql(
                        "SELECT claim_value, role FROM oidc_role_mapping WHERE provider_id = :id ORDER BY claim_value, role")
                .param("id", providerId)
                .query((rs, row) -> new SsoRoleMapping(rs.getString("claim_value"), Role.valueOf(rs.getString("role"))))
                .list();
    }

    void replaceMappings(long providerId, Collection<SsoRoleMapping> mappings) {
        jdbc.sql("DELETE FROM oidc_role_mapping WHERE provider_id = :id")
                .param("id", providerId)
                .update();
        for (SsoRoleMapping mapping : mappings) {
            jdbc.sql("INSERT INTO oidc_role_mapping (provider_id, claim_value, role) VALUES (:id, :value, :role)")
                    .param("id", providerId)
                    .param("value", mapping.claimValue())
                    .param("role", mapping.role().name())
                    .update();
        }
    }

    /** User names of the tenant's local accounts that may still sign in with a password. */
    Set<String> localExceptions(long tenantId) {
        return new TreeSet<>(
                jdbc.sql("""
                SELECT a.username FROM local_sign_in_exception e JOIN portal_account a ON a.id = e.account_id
                WHERE e.tenant_id = :tenantId
                """).param("tenantId", tenantId).query(String.class).list());
    }

    /** Replaces the exceptions; accountIds are local accounts the caller found in this tenant. */
    void replaceLocalExceptions(long tenantId, Collection<Long> accountIds) {
        jdbc.sql("DELETE FROM local_sign_in_exception WHERE tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .update();
        for (long accountId : accountIds) {
            jdbc.sql("INSERT INTO local_sign_in_exception (tenant_id, account_id) VALUES (:tenantId, :accountId)")
                    .param("tenantId", tenantId)
                    .param("accountId", accountId)
                    .update();
        }
    }

    /**
     * The label of the provider that an account must sign in with instead of its password: present when the account's
     * tenant signs in with single sign-on only and the account is not one of its named local exceptions (an account
     * created by single sign-on never is, even if an administrator gave it a password).
     */
    Optional<String> ssoRequiredFor(long accountId) {
        return jdbc.sql("""
                SELECT p.display_name FROM portal_account a
                JOIN oidc_provider p ON p.tenant_id = a.tenant_id AND p.enabled AND p.sso_only
                WHERE a.id = :id
                  AND NOT EXISTS (SELECT 1 FROM local_sign_in_exception e WHERE e.account_id = a.id)
                """).param("id", accountId).query(String.class).optional();
    }

    private static StoredProvider toProvider(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StoredProvider(
                rs.getLong("id"),
                rs.getLong("tenant_id"),
                rs.getString("registration_id"),
                rs.getString("display_name"),
                rs.getString("issuer"),
                rs.getString("client_id"),
                rs.getBytes("client_secret_enc"),
                rs.getString("scopes"),
                rs.getString("roles_claim"),
                rs.getBoolean("enabled"),
                rs.getBoolean("sso_only"),
                UtcDateTime.fromColumn(rs.getObject("updated_at", LocalDateTime.class)));
    }
}
