package org.commsportal.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Checks ID tokens with Spring Security's own decoder (signature by the provider's published keys, issuer, audience,
 * authorized party, lifetime), one per provider configuration, so that a changed issuer or client id takes effect at
 * once; and audits every token it refuses under the tenant of the provider it was meant for.
 */
@Component
class SsoIdTokenDecoders implements JwtDecoderFactory<ClientRegistration> {

    private static final Logger log = LoggerFactory.getLogger(SsoIdTokenDecoders.class);

    private final SsoProviderRepository providers;
    private final AuditLog auditLog;
    private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

    SsoIdTokenDecoders(SsoProviderRepository providers, AuditLog auditLog) {
        this.providers = providers;
        this.auditLog = auditLog;
    }

    @Override
    public JwtDecoder createDecoder(ClientRegistration registration) {
        String key = String.join(
                "\n",
                registration.getRegistrationId(),
                registration.getProviderDetails().getIssuerUri(),
                registration.getProviderDetails().getJwkSetUri(),
                registration.getClientId());
        JwtDecoder existing = decoders.get(key);
        if (existing != null) {
            return existing;
        }
        // A new configuration of this provider replaces the decoders of its earlier ones
        decoders.keySet().removeIf(old -> old.startsWith(registration.getRegistrationId() + "\n"));
        JwtDecoder checked = new OidcIdTokenDecoderFactory().createDecoder(registration);
        JwtDecoder audited = token -> {
            try {
                return checked.decode(token);
            } catch (JwtException refused) {
                audit(registration, refused);
                throw refused;
            }
        };
        decoders.put(key, audited);
        return audited;
    }

    private void audit(ClientRegistration registration, JwtException refused) {
        String reason = String.valueOf(refused.getMessage());
        reason = reason.length() > 500 ? reason.substring(0, 500) + "…" : reason;
        try {
            Long tenantId = providers
                    .findByRegistrationId(registration.getRegistrationId())
                    .map(SsoProviderRepository.StoredProvider::tenantId)
                    .orElse(null);
            auditLog.record(
                    tenantId,
                    SsoSignIn.ACTOR,
                    AuditAction.SSO_SIGN_IN_REFUSED,
                    "ID token from " + registration.getClientName() + " refused: " + reason,
                    RequestAddress.current());
        } catch (RuntimeException e) {
            log.error("Could not audit a refused ID token ({}): {}", reason, e.toString());
        }
    }
}
