package org.commsportal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.security.SsoProviderRepository.StoredProvider;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a provider's verified answer into a portal account (docs/operations.md, "Single sign-on with OpenID Connect").
 * Spring Security has by then checked the ID token's signature against the provider's keys, its issuer against the
 * configured issuer, its audience against the client id, its nonce and its lifetime. The tenant is the tenant of the
 * provider configuration the token was checked against, never anything the browser sent. The roles are those the
 * configured claim's values map to, evaluated again at every sign-in; with none, the sign-in is refused. A first
 * sign-in creates the account (just in time); later ones find it by the provider's subject ({@code sub}).
 */
@Component
class SsoSignIn implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String ACTOR = "single sign-on";

    private final OidcUserService userInfo = new OidcUserService();
    private final SsoProviderRepository providers;
    private final AccountRepository accounts;
    private final TenantService tenants;
    private final AuditLog auditLog;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SsoSignIn(
            SsoProviderRepository providers,
            AccountRepository accounts,
            TenantService tenants,
            AuditLog auditLog,
            TransactionTemplate transaction,
            Clock clock) {
        this.providers = providers;
        this.accounts = accounts;
        this.tenants = tenants;
        this.auditLog = auditLog;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        String registrationId = request.getClientRegistration().getRegistrationId();
        StoredProvider provider = providers
                .findByRegistrationId(registrationId)
                .filter(StoredProvider::enabled)
                .orElseThrow(() -> new SsoRefused(
                        "provider_gone", "Single sign-on with this provider has been turned off in the meantime."));
        String tokenIssuer = String.valueOf(request.getIdToken().getIssuer());
        if (!provider.issuer().equals(tokenIssuer)) { // the provider was changed while this sign-in went on
            throw refuse(
                    provider,
                    "?",
                    "provider_changed",
                    "the ID token's issuer " + tokenIssuer + " is no longer the configured one",
                    "The single sign-on settings changed while you signed in. " + "Try again.");
        }
        OidcUser user = userInfo.loadUser(request);
        String subject = user.getSubject();
        List<String> values = claimValues(user.getClaims(), provider.rolesClaim());
        List<SsoRoleMapping> mappings = providers.mappings(provider.id());
        Set<Role> roles = EnumSet.noneOf(Role.class);
        mappings.stream().filter(m -> values.contains(m.claimValue())).forEach(m -> roles.add(m.role()));
        String who = describe(user);
        if (roles.isEmpty()) {
            throw refuse(
                    provider,
                    who,
                    "no_mapped_role",
                    "no portal role for the values of claim " + provider.rolesClaim() + ": " + shown(values),
                    "You signed in at " + provider.displayName() + ", but none of your groups or roles there gives "
                            + "you a role in this portal, so the portal did not let you in. Ask a global "
                            + "administrator of the portal to map one of your groups to a portal role.");
        }
        PortalUser account = transaction.execute(status -> provision(provider, user, subject, roles, who));
        if (account == null || !account.isEnabled()) {
            throw refuse(
                    provider,
                    who,
                    "account_disabled",
                    "the account is disabled",
                    "Your portal account is disabled. Ask a global administrator of your organization.");
        }
        account.eraseCredentials();
        return new SsoUser(account, user, registrationId, provider.displayName());
    }

    /** Finds the subject's account and brings its roles and display name up to date, or creates it. */
    private @Nullable PortalUser provision(
            StoredProvider provider, OidcUser user, String subject, Set<Role> roles, String who) {
        String displayName = displayName(user);
        Optional<PortalUser> existing = accounts.findBySsoSubject(provider.id(), subject);
        if (existing.isPresent()) {
            PortalUser account = existing.get();
            if (!account.roles().equals(roles)) {
                accounts.replaceRoles(account.accountId(), roles);
                auditLog.record(
                        provider.tenantId(),
                        ACTOR,
                        AuditAction.ROLES_CHANGED,
                        "account " + account.getUsername() + " at sign-in with " + provider.displayName() + ": "
                                + titles(account.roles()) + " -> " + titles(roles),
                        null);
            }
            if (!account.displayName().equals(displayName)) {
                accounts.updateDisplayName(account.accountId(), displayName);
            }
            return accounts.findByUsername(account.getUsername()).orElseThrow();
        }
        Tenant tenant = tenants.findById(provider.tenantId()).orElseThrow();
        String username = username(user, tenant.name());
        if (accounts.findByUsername(username).isPresent()) {
            throw refuse(
                    provider,
                    who,
                    "username_taken",
                    "the user name " + username + " belongs to another portal account",
                    "The portal already has an account named " + username + " that was not created by single "
                            + "sign-on with " + provider.displayName() + ", and it never joins the two. Ask a "
                            + "global administrator of the portal.");
        }
        accounts.insertSso(provider.tenantId(), provider.id(), subject, username, displayName, clock.instant(), roles);
        auditLog.record(
                provider.tenantId(),
                ACTOR,
                AuditAction.ACCOUNT_CREATED,
                "account " + username + " at its first sign-in with " + provider.displayName() + ", with roles "
                        + titles(roles),
                null);
        return accounts.findByUsername(username).orElseThrow();
    }

    private SsoRefused refuse(StoredProvider provider, String who, String code, String why, String explanation) {
        auditLog.record(
                provider.tenantId(),
                who,
                AuditAction.SSO_SIGN_IN_REFUSED,
                "single sign-on with " + provider.displayName() + " refused: " + why,
                RequestAddress.current());
        return new SsoRefused(code, explanation);
    }

    /**
     * The values of the groups or roles claim: a claim of exactly that name, else a path through nested objects
     * ({@code realm_access.roles}); an array gives its items, a string itself.
     */
    static List<String> claimValues(Map<String, Object> claims, String claim) {
        Object value = claims.containsKey(claim) ? claims.get(claim) : path(claims, claim);
        List<String> values = new ArrayList<>();
        if (value instanceof Collection<?> items) {
            items.stream().filter(item -> item != null).map(String::valueOf).forEach(values::add);
        } else if (value instanceof Object[] items) {
            for (Object item : items) {
                if (item != null) {
                    values.add(String.valueOf(item));
                }
            }
        } else if (value != null) {
            values.add(String.valueOf(value));
        }
        return values;
    }

    private static @Nullable Object path(Map<String, Object> claims, String claim) {
        Object current = claims;
        for (String part : claim.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    /**
     * The new account's user name: the provider's preferred_username, else its email, else its subject, in lower
     * case, with "@" and the tenant's name added when it has no domain of its own, so that names stay unique across
     * tenants; a hash of the subject if none of them can be a portal user name.
     */
    static String username(OidcUser user, String tenantName) {
        for (String candidate : new String[] {user.getPreferredUsername(), user.getEmail(), user.getSubject()}) {
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            String name = UserNames.normalize(candidate);
            if (!name.contains("@")) {
                name = name + "@" + tenantName;
            }
            if (UserNames.possible(name) && name.length() >= 3) {
                return name;
            }
        }
        return "sso-" + sha256(user.getSubject()).substring(0, 16) + "@" + tenantName;
    }

    private static String displayName(OidcUser user) {
        String name = user.getFullName();
        if (name == null || name.isBlank()) {
            name = user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
        }
        name = name.strip();
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    /** The person in the audit trail before an account exists: the provider's name for them. */
    private static String describe(OidcUser user) {
        String name = user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
        return name.length() > 120 ? name.substring(0, 120) : name;
    }

    private static String shown(List<String> values) {
        String text = values.isEmpty() ? "none" : String.join(", ", values);
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    private static String titles(Set<Role> roles) {
        return roles.stream().sorted().map(Role::title).toList().toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
