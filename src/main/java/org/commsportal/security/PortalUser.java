package org.commsportal.security;

import java.io.Serial;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.commsportal.tenant.TenantPrincipal;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in portal account: bound to one tenant, with its roles. */
public final class PortalUser implements UserDetails, CredentialsContainer, TenantPrincipal {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long accountId;
    private final long tenantId;
    private final String tenantName;
    private final String username;
    private final String displayName;
    private String passwordHash;
    private final boolean enabled;
    private final String timeZone;
    private final Set<Role> roles;

    PortalUser(
            long accountId,
            long tenantId,
            String tenantName,
            String username,
            String displayName,
            String passwordHash,
            boolean enabled,
            String timeZone,
            Set<Role> roles) {
        this.accountId = accountId;
        this.tenantId = tenantId;
        this.tenantName = tenantName;
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.timeZone = timeZone;
        this.roles = Set.copyOf(roles);
    }

    public long accountId() {
        return accountId;
    }

    @Override
    public long tenantId() {
        return tenantId;
    }

    public String tenantName() {
        return tenantName;
    }

    public String displayName() {
        return displayName;
    }

    public String timeZone() {
        return timeZone;
    }

    public Set<Role> roles() {
        return roles;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream()
                .map(role -> new SimpleGrantedAuthority(role.authority()))
                .collect(Collectors.toSet());
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = "";
    }

    @Override
    public String toString() {
        return "PortalUser[" + username + ", tenant " + tenantId + ", " + roles + "]";
    }
}
