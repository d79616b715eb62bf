package org.commsportal.privacy;

import org.commsportal.security.Role;
import org.commsportal.tenant.TenantService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Decides whether the signed-in viewer sees real user names. Reports, exports and APIs take a {@link NameMask}
 * once and pass every licensed user's name, UPN or URI through it.
 */
@Service
public class NameConcealment {

    private final TenantService tenants;
    private final Pseudonymizer pseudonymizer;

    NameConcealment(TenantService tenants, Pseudonymizer pseudonymizer) {
        this.tenants = tenants;
        this.pseudonymizer = pseudonymizer;
    }

    /** Concealed when the tenant setting is on, or when the viewer reads only as a global reader (docs/privacy-and-roles.md). */
    public NameMask forCurrentViewer() {
        boolean concealed = tenants.current().displayConcealedNames() || readsOnlyAsGlobalReader();
        return new NameMask(concealed, pseudonymizer::pseudonym);
    }

    /**
     * Pseudonyms whoever reads: for records that outlive the viewer's rights, such as audit entries, which global
     * readers read too.
     */
    public NameMask forEveryViewer() {
        return new NameMask(true, pseudonymizer::pseudonym);
    }

    private static boolean readsOnlyAsGlobalReader() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return true; // nobody to show real names to
        }
        boolean globalReader = false;
        for (var authority : auth.getAuthorities()) {
            String name = authority.getAuthority();
            if (name.equals(Role.GLOBAL_READER.authority())) {
                globalReader = true;
            } else if (Role.SEES_REAL_NAMES.stream()
                    .anyMatch(role -> role.authority().equals(name))) {
                return false;
            }
        }
        return globalReader;
    }
}
