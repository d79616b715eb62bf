package org.commsportal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.commsportal.security.SsoProviderRepository.StoredProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.stereotype.Component;

/**
 * The enabled single sign-on providers as Spring Security client registrations, read from the database and the
 * provider's discovery document. A registration is kept for {@link #LIFETIME} and rebuilt at once when the
 * administrator saves the provider, so changed settings and rotated provider keys take effect without a restart.
 */
@Component
class SsoClientRegistrations implements ClientRegistrationRepository {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    /** The portal's redirect URI at the provider; {baseUrl} is this portal's address as the browser reached it. */
    static final String REDIRECT_URI = "{baseUrl}/login/oauth2/code/{registrationId}";

    private static final Logger log = LoggerFactory.getLogger(SsoClientRegistrations.class);

    /** A usable registration with the provider it came from, or why there is none. */
    record Resolution(
            @Nullable StoredProvider provider,
            @Nullable ClientRegistration registration,
            @Nullable String endSessionEndpoint,
            @Nullable String problem) {}

    private record Cached(Instant updatedAt, Instant until, Resolution resolution) {}

    private final SsoProviderRepository providers;
    private final SsoSecretCipher cipher;
    private final OidcDiscovery discovery;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    SsoClientRegistrations(
            SsoProviderRepository providers, SsoSecretCipher cipher, OidcDiscovery discovery, Clock clock) {
        this.providers = providers;
        this.cipher = cipher;
        this.discovery = discovery;
        this.clock = clock;
    }

    @Override
    public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
        return resolve(registrationId).registration();
    }

    /** The registration of an enabled provider, or the reason there is none. */
    Resolution resolve(String registrationId) {
        Optional<StoredProvider> stored = providers.findByRegistrationId(registrationId);
        if (stored.isEmpty() || !stored.get().enabled()) {
            return new Resolution(null, null, null, "There is no single sign-on provider " + registrationId + ".");
        }
        StoredProvider provider = stored.get();
        Cached cached = cache.get(registrationId);
        Instant now = clock.instant();
        if (cached != null && cached.updatedAt().equals(provider.updatedAt()) && now.isBefore(cached.until())) {
            return cached.resolution();
        }
        Resolution resolution = build(provider);
        // A failed discovery is retried at the next sign-in rather than remembered
        if (resolution.registration() != null) {
            cache.put(registrationId, new Cached(provider.updatedAt(), now.plus(LIFETIME), resolution));
        } else {
            cache.remove(registrationId);
        }
        return resolution;
    }

    private Resolution build(StoredProvider provider) {
        if (cipher.problem() != null) {
            log.error("Single sign-on with {} is unavailable: {}", provider.issuer(), cipher.problem());
            return new Resolution(
                    provider,
                    null,
                    null,
                    "Single sign-on is not available: the portal's key for client secrets is not set up. "
                            + "Tell the portal's operator.");
        }
        String secret;
        try {
            secret = cipher.decrypt(provider.tenantId(), provider.clientSecretEnc());
        } catch (IllegalStateException e) {
            log.error("Single sign-on with {} is unavailable: {}", provider.issuer(), e.getMessage());
            return new Resolution(
                    provider,
                    null,
                    null,
                    "Single sign-on is not available: the provider's client secret cannot be read with the "
                            + "portal's key. A global administrator must enter the client secret again.");
        }
        OidcDiscovery.Metadata metadata;
        try {
            metadata = discovery.discover(provider.issuer());
        } catch (OidcDiscovery.DiscoveryFailed e) {
            log.warn("Single sign-on with {} is unavailable: {}", provider.issuer(), e.getMessage());
            return new Resolution(
                    provider,
                    null,
                    null,
                    provider.displayName() + " cannot be reached just now, so single sign-on is not available. "
                            + "Try again in a few minutes.");
        }
        ClientRegistration registration = ClientRegistration.withRegistrationId(provider.registrationId())
                .clientName(provider.displayName())
                .clientId(provider.clientId())
                .clientSecret(secret)
                .clientAuthenticationMethod(authenticationMethod(metadata))
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(REDIRECT_URI)
                .scope(scopes(provider.scopes()))
                .issuerUri(metadata.issuer())
                .authorizationUri(metadata.authorizationEndpoint())
                .tokenUri(metadata.tokenEndpoint())
                .jwkSetUri(metadata.jwksUri())
                .userInfoUri(metadata.userinfoEndpoint())
                .userNameAttributeName(IdTokenClaimNames.SUB)
                // PKCE (RFC 7636) on top of the client secret: a stolen authorization code is worth nothing
                .clientSettings(ClientRegistration.ClientSettings.builder()
                        .requireProofKey(true)
                        .build())
                .build();
        return new Resolution(provider, registration, metadata.endSessionEndpoint(), null);
    }

    /** Client secret sent by HTTP Basic unless the provider only takes it in the form (client_secret_post). */
    private static ClientAuthenticationMethod authenticationMethod(OidcDiscovery.Metadata metadata) {
        var methods = metadata.tokenEndpointAuthMethods();
        return !methods.isEmpty() && !methods.contains("client_secret_basic") && methods.contains("client_secret_post")
                ? ClientAuthenticationMethod.CLIENT_SECRET_POST
                : ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
    }

    static LinkedHashSet<String> scopes(String scopes) {
        return new LinkedHashSet<>(Arrays.stream(scopes.trim().split("[\\s,]+"))
                .filter(s -> !s.isEmpty())
                .toList());
    }
}
