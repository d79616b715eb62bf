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

    /** Whether the signed-in roles may see per-user data (tables and their exports), not only charts. */
    public static boolean mayReadPerUserData() {
        return Role.READS_PER_USER_DATA.stream().anyMatch(SignedInRoles::has);
    }
}
