package org.commsportal.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.security.SsoProblem.Field;
import org.commsportal.security.SsoProviderRepository.StoredProvider;
import org.commsportal.tenant.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The tenant's OpenID Connect provider (docs/operations.md, "Single sign-on with OpenID Connect"): global
 * administrators configure it and its role mappings, global readers read them (never the client secret), and the
 * sign-in page lists the enabled providers of every tenant.
 */
@Service
public class SingleSignOn {

    static final int MAX_DISPLAY_NAME = 60;
    static final int MAX_ISSUER = 500;
    static final int MAX_TEXT = 255;
    static final int MAX_SECRET = 1000;
    static final int MAX_SCOPES = 500;
    static final int MAX_MAPPINGS = 200;
    public static final String DEFAULT_SCOPES = "openid profile email";
    public static final String DEFAULT_ROLES_CLAIM = "groups";
    /** Route of the page a refused single sign-on lands on. */
    public static final String REFUSED_PATH = "sign-in-refused";
    /** HTTP session attribute: why the last single sign-on of the session was refused. */
    public static final String REFUSAL = "org.commsportal.security.sso.refusal";
    /** The portal's redirect URI at every provider, with {baseUrl} the portal's public address. */
    public static final String REDIRECT_URI = "{baseUrl}/login/oauth2/code/{registrationId}";

    /** A scope token of RFC 6749 section 3.3. */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private static final Pattern CLAIM_NAME = Pattern.compile("[\\x21-\\x7E]{1," + MAX_TEXT + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SsoProviderRepository providers;
    private final AccountRepository accounts;
    private final SsoSecretCipher cipher;
    private final OidcDiscovery discovery;
    private final SsoClientRegistrations registrations;
    private final AuditLog auditLog;
    private final CurrentTenant currentTenant;
    private final Clock clock;

    SingleSignOn(
            SsoProviderRepository providers,
            AccountRepository accounts,
            SsoSecretCipher cipher,
            OidcDiscovery discovery,
            SsoClientRegistrations registrations,
            AuditLog auditLog,
            CurrentTenant currentTenant,
            Clock clock) {
        this.providers = providers;
        this.accounts = accounts;
        this.cipher = cipher;
        this.discovery = discovery;
        this.registrations = registrations;
        this.auditLog = auditLog;
        this.currentTenant = currentTenant;
        this.clock = clock;
    }

    /** The "Sign in with …" buttons of the sign-in page: every tenant's enabled provider. Anybody may read them. */
    @Transactional(readOnly = true)
    public List<SsoSignInOption> signInOptions() {
        if (cipher.problem() != null) {
            return List.of();
        }
        return providers.enabled().stream()
                .map(p -> new SsoSignInOption(
                        p.registrationId(), p.displayName(), "oauth2/authorization/" + p.registrationId()))
                .toList();
    }

    /**
     * The provider's end-session endpoint for a browser that just signed out of the portal after a single sign-on,
     * with the portal's sign-in page as where to come back to; empty when the provider has none.
     */
    public Optional<SignOutOffer> signOutOffer(String registrationId, String portalBaseUrl) {
        var resolution = registrations.resolve(registrationId);
        if (resolution.registration() == null
                || resolution.endSessionEndpoint() == null
                || resolution.provider() == null) {
            return Optional.empty();
        }
        String url = UriComponentsBuilder.fromUriString(resolution.endSessionEndpoint())
                .queryParam("client_id", resolution.registration().getClientId())
                .queryParam("post_logout_redirect_uri", portalBaseUrl + "/login?logout")
                .encode()
                .build()
                .toUriString();
        return Optional.of(new SignOutOffer(resolution.provider().displayName(), url));
    }

    /** Where a browser may end its session at the provider too. */
    public record SignOutOffer(String providerName, String endSessionUrl) {}

    /** Why providers cannot be saved or used on this portal (its key for client secrets), or null if they can. */
    public @Nullable String keyProblem() {
        return cipher.problem();
    }

    /** The signed-in tenant's provider, if it has one. */
    @PreAuthorize("hasAnyRole('" + Roles.GLOBAL_ADMIN + "', '" + Roles.GLOBAL_READER + "')")
    @Transactional(readOnly = true)
    public Optional<SsoSettings> settings() {
        long tenantId = currentTenant.id();
        return providers
                .findByTenant(tenantId)
                .map(p -> toSettings(p, providers.mappings(p.id()), providers.localExceptions(tenantId)));
    }

    /** User names of the signed-in tenant's local (password) accounts, which an SSO-only tenant may except. */
    @PreAuthorize("hasAnyRole('" + Roles.GLOBAL_ADMIN + "', '" + Roles.GLOBAL_READER + "')")
    @Transactional(readOnly = true)
    public Set<String> localAccounts() {
        return accounts.localAccountsInTenant(currentTenant.id()).keySet();
    }

    public boolean mayChange() {
        return SignedInRoles.has(Role.GLOBAL_ADMIN);
    }

    /**
     * Saves the signed-in tenant's provider after checking every field and reading the provider's discovery
     * document; audits each change (never the secret). Throws {@link SsoProblem} naming the field at fault.
     */
    @PreAuthorize("hasRole('" + Roles.GLOBAL_ADMIN + "')")
    @Transactional
    public void save(SsoSettingsChange change) {
        if (cipher.problem() != null) {
            throw new SsoProblem(
                    Field.KEY,
                    "Single sign-on cannot be saved: " + cipher.problem()
                            + ". The portal's operator sets it (docs/operations.md).");
        }
        long tenantId = currentTenant.id();
        Optional<StoredProvider> before = providers.findByTenant(tenantId);

        String displayName = change.displayName().strip();
        if (displayName.isEmpty() || displayName.length() > MAX_DISPLAY_NAME || hasControl(displayName)) {
            throw new SsoProblem(
                    Field.DISPLAY_NAME,
                    "Enter the name the sign-in button shows (\"Sign in with …\"), 1 to " + MAX_DISPLAY_NAME
                            + " characters.");
        }
        String issuer = checkIssuer(change.issuer().strip());
        String clientId = change.clientId().strip();
        if (clientId.isEmpty()
                || clientId.length() > MAX_TEXT
                || !CLAIM_NAME.matcher(clientId).matches()) {
            throw new SsoProblem(
                    Field.CLIENT_ID,
                    "Enter the client (application) id the provider gave the portal: 1 to " + MAX_TEXT
                            + " characters, no spaces.");
        }
        String secret =
                change.clientSecret() == null ? "" : change.clientSecret().strip();
        if (secret.isEmpty() && before.isEmpty()) {
            throw new SsoProblem(Field.CLIENT_SECRET, "Enter the client secret the provider gave the portal.");
        }
        if (secret.length() > MAX_SECRET || hasControl(secret)) {
            throw new SsoProblem(
                    Field.CLIENT_SECRET, "A client secret has at most " + MAX_SECRET + " characters, on one line.");
        }
        String scopes = checkScopes(change.scopes());
        String rolesClaim = change.rolesClaim().strip();
        if (!CLAIM_NAME.matcher(rolesClaim).matches()) {
            throw new SsoProblem(
                    Field.ROLES_CLAIM,
                    "Enter the name of the claim that carries the groups or roles, e.g. groups or roles (1 to "
                            + MAX_TEXT + " characters, no spaces).");
        }
        List<SsoRoleMapping> mappings = checkMappings(change.mappings(), change.enabled());
        Map<String, Long> local = accounts.localAccountsInTenant(tenantId);
        Set<Long> exceptionIds = checkExceptions(change, local);
        if (providers.issuerUsedByAnotherTenant(issuer, tenantId)) {
            throw new SsoProblem(
                    Field.ISSUER,
                    "Another organization on this portal signs in with this issuer. An issuer decides the "
                            + "organization of everybody who signs in with it, so it can serve one organization only.");
        }
        try {
            discovery.discover(issuer);
        } catch (OidcDiscovery.DiscoveryFailed e) {
            throw new SsoProblem(Field.ISSUER, e.getMessage());
        }

        byte[] secretEnc = secret.isEmpty() ? before.orElseThrow().clientSecretEnc() : cipher.encrypt(tenantId, secret);
        var now = clock.instant();
        StoredProvider saved;
        if (before.isEmpty()) {
            saved = new StoredProvider(
                    0,
                    tenantId,
                    newRegistrationId(),
                    displayName,
                    issuer,
                    clientId,
                    secretEnc,
                    scopes,
                    rolesClaim,
                    change.enabled(),
                    change.ssoOnly(),
                    now);
            long id = providers.insert(saved);
            saved = providers.findByTenant(tenantId).orElseThrow();
            auditLog.recordChange(
                    AuditAction.SSO_PROVIDER_CHANGED,
                    "single sign-on provider " + displayName + " added: issuer " + issuer + ", client id " + clientId
                            + ", scopes " + scopes + ", claim " + rolesClaim + ", "
                            + (change.enabled() ? "enabled" : "disabled") + ", client secret saved (id " + id + ")");
        } else {
            StoredProvider old = before.get();
            saved = new StoredProvider(
                    old.id(),
                    tenantId,
                    old.registrationId(),
                    displayName,
                    issuer,
                    clientId,
                    secretEnc,
                    scopes,
                    rolesClaim,
                    change.enabled(),
                    change.ssoOnly(),
                    now.isAfter(old.updatedAt()) ? now : old.updatedAt().plusMillis(1));
            List<String> changes = new ArrayList<>();
            diff(changes, "button name", old.displayName(), displayName);
            diff(changes, "issuer", old.issuer(), issuer);
            diff(changes, "client id", old.clientId(), clientId);
            diff(changes, "scopes", old.scopes(), scopes);
            diff(changes, "groups or roles claim", old.rolesClaim(), rolesClaim);
            diff(changes, "enabled", onOff(old.enabled()), onOff(change.enabled()));
            if (!secret.isEmpty()) {
                changes.add("client secret replaced");
            }
            if (!changes.isEmpty() || old.ssoOnly() != change.ssoOnly()) {
                providers.update(saved);
            }
            for (String each : changes) {
                auditLog.recordChange(AuditAction.SSO_PROVIDER_CHANGED, "single sign-on " + each);
            }
        }
        saveMappings(saved.id(), mappings);
        saveSignInRestriction(tenantId, before, change.ssoOnly(), exceptionIds, local);
    }

    private void saveMappings(long providerId, List<SsoRoleMapping> mappings) {
        var old = new LinkedHashSet<>(providers.mappings(providerId));
        var now = new LinkedHashSet<>(mappings);
        if (old.equals(now)) {
            return;
        }
        providers.replaceMappings(providerId, now);
        old.stream()
                .filter(m -> !now.contains(m))
                .forEach(m -> auditLog.recordChange(
                        AuditAction.SSO_ROLE_MAPPING_CHANGED,
                        "removed: " + m.claimValue() + " -> " + m.role().title()));
        now.stream()
                .filter(m -> !old.contains(m))
                .forEach(m -> auditLog.recordChange(
                        AuditAction.SSO_ROLE_MAPPING_CHANGED,
                        "added: " + m.claimValue() + " -> " + m.role().title()));
    }

    private void saveSignInRestriction(
            long tenantId,
            Optional<StoredProvider> before,
            boolean ssoOnly,
            Set<Long> exceptionIds,
            Map<String, Long> local) {
        boolean wasSsoOnly = before.map(StoredProvider::ssoOnly).orElse(false);
        if (wasSsoOnly != ssoOnly) {
            auditLog.recordChange(
                    AuditAction.SSO_PROVIDER_CHANGED,
                    "sign-in only with single sign-on: " + onOff(wasSsoOnly) + " -> " + onOff(ssoOnly));
        }
        Set<String> oldNames = providers.localExceptions(tenantId);
        Set<String> newNames = new TreeSet<>();
        local.forEach((name, id) -> {
            if (exceptionIds.contains(id)) {
                newNames.add(name);
            }
        });
        if (!oldNames.equals(newNames)) {
            providers.replaceLocalExceptions(tenantId, exceptionIds);
            auditLog.recordChange(
                    AuditAction.SSO_PROVIDER_CHANGED,
                    "local accounts that may sign in with a password: " + oldNames + " -> " + newNames);
        }
    }

    private static String checkIssuer(String issuer) {
        String expected = "Enter the issuer URL exactly as the provider states it, e.g. "
                + "https://login.microsoftonline.com/<tenant id>/v2.0 or https://keycloak.example/realms/<realm>.";
        if (issuer.isEmpty() || issuer.length() > MAX_ISSUER) {
            throw new SsoProblem(Field.ISSUER, expected);
        }
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            throw new SsoProblem(Field.ISSUER, "This is not a URL. " + expected);
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new SsoProblem(Field.ISSUER, "The issuer is a URL with a host and no ? or # part. " + expected);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback =
                Set.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new SsoProblem(
                    Field.ISSUER, "The issuer must be an https URL (http is accepted for localhost only, for tests).");
        }
        return issuer;
    }

    private static String checkScopes(String typed) {
        var scopes = SsoClientRegistrations.scopes(typed);
        if (!scopes.contains("openid")) {
            throw new SsoProblem(Field.SCOPES, "The scopes must include openid (e.g. \"" + DEFAULT_SCOPES + "\").");
        }
        for (String scope : scopes) {
            if (!SCOPE.matcher(scope).matches()) {
                throw new SsoProblem(Field.SCOPES, "The scope " + scope + " has a character scopes cannot have.");
            }
        }
        String joined = String.join(" ", scopes);
        if (joined.length() > MAX_SCOPES) {
            throw new SsoProblem(Field.SCOPES, "The scopes are at most " + MAX_SCOPES + " characters together.");
        }
        return joined;
    }

    private static List<SsoRoleMapping> checkMappings(List<SsoRoleMapping> typed, boolean enabled) {
        var mappings = new LinkedHashSet<SsoRoleMapping>();
        for (SsoRoleMapping mapping : typed) {
            String value = mapping.claimValue().strip();
            if (value.isEmpty() || value.length() > MAX_TEXT || hasControl(value)) {
                throw new SsoProblem(
                        Field.MAPPINGS,
                        "A group or role value has 1 to " + MAX_TEXT + " characters, as the provider sends it.");
            }
            mappings.add(new SsoRoleMapping(value, mapping.role()));
        }
        if (mappings.size() > MAX_MAPPINGS) {
            throw new SsoProblem(Field.MAPPINGS, "At most " + MAX_MAPPINGS + " mappings.");
        }
        if (enabled && mappings.isEmpty()) {
            throw new SsoProblem(
                    Field.MAPPINGS,
                    "Map at least one group or role value to a portal role: without one, nobody can sign in.");
        }
        return List.copyOf(mappings);
    }

    private Set<Long> checkExceptions(SsoSettingsChange change, Map<String, Long> local) {
        var ids = new TreeSet<Long>();
        for (String name : change.localExceptions()) {
            Long id = local.get(name);
            if (id == null) {
                throw new SsoProblem(Field.SSO_ONLY, "There is no local account " + name + " in this organization.");
            }
            ids.add(id);
        }
        if (!change.ssoOnly()) {
            return ids;
        }
        if (!change.enabled()) {
            throw new SsoProblem(
                    Field.SSO_ONLY, "Sign-in can be limited to single sign-on only while the provider is enabled.");
        }
        // Break glass: the provider may fail, so a local global administrator must still be able to sign in
        boolean adminKept = accounts.listInTenant(currentTenant.id()).stream()
                .anyMatch(a -> ids.contains(a.id()) && a.enabled() && a.roles().contains(Role.GLOBAL_ADMIN));
        if (!adminKept) {
            throw new SsoProblem(
                    Field.SSO_ONLY,
                    "Keep at least one enabled local global administrator among the accounts that may still sign "
                            + "in with a password, in case the provider cannot be reached.");
        }
        return ids;
    }

    private static SsoSettings toSettings(StoredProvider p, List<SsoRoleMapping> mappings, Set<String> exceptions) {
        return new SsoSettings(
                p.registrationId(),
                p.displayName(),
                p.issuer(),
                p.clientId(),
                p.clientSecretEnc().length > 0,
                p.scopes(),
                p.rolesClaim(),
                p.enabled(),
                p.ssoOnly(),
                mappings,
                exceptions);
    }

    private static String newRegistrationId() {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return "oidc-" + HexFormat.of().formatHex(random);
    }

    private static void diff(List<String> changes, String what, String from, String to) {
        if (!from.equals(to)) {
            changes.add(what + ": " + from + " -> " + to);
        }
    }

    private static String onOff(boolean value) {
        return value ? "on" : "off";
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
