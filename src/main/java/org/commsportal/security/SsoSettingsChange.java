package org.commsportal.security;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a global administrator saves on the single sign-on page. A null or blank {@code clientSecret} keeps the saved
 * one; {@code localExceptions} are user names of the tenant's local accounts.
 */
public record SsoSettingsChange(
        String displayName,
        String issuer,
        String clientId,
        @Nullable String clientSecret,
        String scopes,
        String rolesClaim,
        boolean enabled,
        boolean ssoOnly,
        List<SsoRoleMapping> mappings,
        Set<String> localExceptions) {

    public SsoSettingsChange {
        mappings = List.copyOf(mappings);
        localExceptions = Set.copyOf(localExceptions);
    }
}
