package org.commsportal.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.Map;
import org.commsportal.tenant.TenantPrincipal;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The outcome of a single sign-on for the moment between the provider's answer and the portal's own sign-in: the
 * portal account it signed in to, with the provider's user. {@link SsoSignInSuccess} puts the portal account alone
 * into the session, as a password sign-in does.
 */
final class SsoUser implements OidcUser, TenantPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final PortalUser account;
    private final OidcUser provided;
    private final String registrationId;
    private final String providerName;

    SsoUser(PortalUser account, OidcUser provided, String registrationId, String providerName) {
        this.account = account;
        this.provided = provided;
        this.registrationId = registrationId;
        this.providerName = providerName;
    }

    PortalUser account() {
        return account;
    }

    String registrationId() {
        return registrationId;
    }

    String providerName() {
        return providerName;
    }

    @Override
    public long tenantId() {
        return account.tenantId();
    }

    @Override
    public Map<String, Object> getClaims() {
        return provided.getClaims();
    }

    @Override
    public @Nullable OidcUserInfo getUserInfo() {
        return provided.getUserInfo();
    }

    @Override
    public OidcIdToken getIdToken() {
        return provided.getIdToken();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return provided.getAttributes();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return account.getAuthorities();
    }

    /** The portal user name, so that every audit entry of the sign-in names the portal account. */
    @Override
    public String getName() {
        return account.getUsername();
    }
}
