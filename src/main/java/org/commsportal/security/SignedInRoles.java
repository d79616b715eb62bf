package org.commsportal.security;

import org.springframework.security.core.context.SecurityContextHolder;

/** Whether the signed-in account holds a role: for views that show controls only some roles may use. */
public final class SignedInRoles {

    private SignedInRoles() {}

    public static boolean has(Role role) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null
                && auth.getAuthorities().stream()
                        .anyMatch(authority -> authority.getAuthority().equals(role.authority()));
    }
}
