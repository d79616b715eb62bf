package org.commsportal.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/** The portal account of the current request or UI, for services that act on "my" account. */
public final class SignedInAccount {

    private SignedInAccount() {}

    static PortalUser user() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof PortalUser user) {
            return user;
        }
        throw new AccessDeniedException("This needs a signed-in portal account");
    }

    public static long id() {
        return user().accountId();
    }
}
