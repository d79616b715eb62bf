package org.commsportal.security;

import java.util.List;
import java.util.Set;

/**
 * A tenant's single sign-on provider as its settings page shows it: everything but the client secret, of which only
 * whether one is saved is told.
 *
 * @param registrationId the provider's name in the portal's sign-in and redirect URLs; fixed at the first save
 * @param localExceptions user names of the local accounts that may sign in with a password while {@code ssoOnly}
 */
public record SsoSettings(
        String registrationId,
        String displayName,
        String issuer,
        String clientId,
        boolean clientSecretSaved,
        String scopes,
        String rolesClaim,
        boolean enabled,
        boolean ssoOnly,
        List<SsoRoleMapping> mappings,
        Set<String> localExceptions) {

    public SsoSettings {
        mappings = List.copyOf(mappings);
        localExceptions = Set.copyOf(localExceptions);
    }
}
