package org.commsportal.security;

import java.util.Set;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class AccountService implements UserDetailsService {

    public static final int MIN_PASSWORD_LENGTH = 12;

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog auditLog;

    AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder, AuditLog auditLog) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.auditLog = auditLog;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("No account " + username));
    }

    /**
     * Creates an account in a tenant. Called by start-up provisioning (demo accounts, the first administrator);
     * the account management page of a later issue adds its own role check.
     */
    @Transactional
    public long createAccount(long tenantId, String username, String displayName, String rawPassword,
                              Set<Role> roles) {
        if (rawPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(
                    "The password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("An account needs at least one role");
        }
        if (accounts.findByUsername(username).isPresent()) {
            throw new IllegalArgumentException("The user name " + username + " is taken");
        }
        long id = accounts.insert(tenantId, username, displayName, passwordEncoder.encode(rawPassword), roles);
        auditLog.record(tenantId, "system", AuditAction.ACCOUNT_CREATED,
                "account " + username + " with roles " + roles, null);
        return id;
    }

    public boolean anyAccountExists() {
        return accounts.count() > 0;
    }
}
