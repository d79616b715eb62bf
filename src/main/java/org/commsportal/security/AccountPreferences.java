package org.commsportal.security;

import java.util.Optional;
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
        return accounts.preference(SignedInAccount.id(), key);
    }

    @Transactional
    public void put(String key, String value) {
        accounts.savePreference(SignedInAccount.id(), key, value);
    }
}
