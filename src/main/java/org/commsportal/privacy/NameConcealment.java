package org.commsportal.privacy;

import org.commsportal.security.Role;
import org.commsportal.tenant.TenantService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Decides whether the signed-in viewer sees real user names, and applies that decision. Reports, exports and
 * APIs call {@link #userName(String)} for every name they show.
 */
@Service
public class NameConcealment {

    private final TenantService tenants;
    private final Pseudonymizer pseudonymizer;

    NameConcealment(TenantService tenants, Pseudonymizer pseudonymizer) {
        this.tenants = tenants;
        this.pseudonymizer = pseudonymizer;
    }

    /** Concealed when the tenant setting is on, or when the viewer reads only as a global reader (SPEC section 4). */
    public boolean isConcealed() {
        return tenants.current().displayConcealedNames() || readsOnlyAsGlobalReader();
    }

    /** The name to show for a licensed user's name, UPN or URI. */
    public String userName(String realName) {
        return isConcealed() ? pseudonymizer.pseudonym(realName) : realName;
    }

    private static boolean readsOnlyAsGlobalReader() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return true;
        }
        boolean globalReader = false;
        for (var authority : auth.getAuthorities()) {
            String name = authority.getAuthority();
            if (name.equals(Role.GLOBAL_READER.authority())) {
                globalReader = true;
            } else if (Role.SEES_REAL_NAMES.stream().anyMatch(role -> role.authority().equals(name))) {
                return false;
            }
        }
        return globalReader;
    }
}
