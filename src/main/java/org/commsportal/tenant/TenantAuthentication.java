package org.commsportal.tenant;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * An already authenticated principal bound to a tenant that has no password to check: a background job, or a
 * sender signed in by its ingestion key.
 */
public final class TenantAuthentication extends AbstractAuthenticationToken {

    private final TenantPrincipal principal;

    public TenantAuthentication(TenantPrincipal principal, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }
}
