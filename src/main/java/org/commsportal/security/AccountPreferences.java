package org.commsportal.security;

import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Choices the signed-in account made, remembered across sign-ins (e.g. a report's visible columns). */
@Service
public class AccountPreferences {

    private final AccountRepository accounts;

    AccountPreferences(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Transactional(readOnly = true)
    public Optional<String> get(String key) {
        return accounts.preference(signedInAccountId(), key);
    }

    @Transactional
    public void put(String key, String value) {
        accounts.savePreference(signedInAccountId(), key, value);
    }

    private static long signedInAccountId() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof PortalUser user) {
            return user.accountId();
        }
        throw new AccessDeniedException("Preferences belong to a signed-in portal account");
    }
}
