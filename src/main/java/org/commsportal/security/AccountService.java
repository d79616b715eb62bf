package org.commsportal.security;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.tenant.CurrentTenant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Portal accounts: sign-in look-up, start-up provisioning, management of the signed-in tenant's accounts by its
 * global administrators (global readers may list them), and an account's own password.
 */
@Service
public class AccountService implements UserDetailsService {

    public static final int MIN_PASSWORD_LENGTH = PasswordPolicy.MIN_LENGTH;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{3,128}");
    private static final int MAX_DISPLAY_NAME = 255;

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog auditLog;
    private final CurrentTenant currentTenant;
    private final Clock clock;

    AccountService(
            AccountRepository accounts,
            PasswordEncoder passwordEncoder,
            AuditLog auditLog,
            CurrentTenant currentTenant,
            Clock clock) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.auditLog = auditLog;
        this.currentTenant = currentTenant;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("No account " + username));
    }

    /** Creates an account in a tenant for start-up provisioning (demo accounts, the first administrator). */
    @Transactional
    public long createAccount(long tenantId, String username, String displayName, String rawPassword, Set<Role> roles) {
        long id = insertChecked(tenantId, username, displayName, rawPassword, roles);
        auditLog.record(
                tenantId,
                "system",
                AuditAction.ACCOUNT_CREATED,
                "account " + username + " with roles " + roleNames(roles),
                null);
        return id;
    }

    /**
     * Whether the account still exists and is enabled; checked on navigation, since a session outlives a change. Not
     * read-only, so that with a read replica configured a disabled account is seen on the primary at once.
     */
    @Transactional
    public boolean stillEnabled(String username) {
        return accounts.findByUsername(username).map(PortalUser::isEnabled).orElse(false);
    }

    /**
     * The account as it is now (enabled, password hash, roles), to check a sign-in made or verified earlier against;
     * from the primary, like {@link #stillEnabled}.
     */
    @Transactional
    public java.util.Optional<PortalUser> current(String username) {
        return accounts.findByUsername(username);
    }

    public boolean anyAccountExists() {
        return accounts.count() > 0;
    }

    /** The signed-in tenant's accounts, by user name. */
    @PreAuthorize("hasAnyRole('" + Roles.GLOBAL_ADMIN + "', '" + Roles.GLOBAL_READER + "')")
    @Transactional(readOnly = true)
    public List<AccountSummary> accounts() {
        return accounts.listInTenant(currentTenant.id());
    }

    /** Creates an account in the signed-in tenant. */
    @PreAuthorize("hasRole('" + Roles.GLOBAL_ADMIN + "')")
    @Transactional
    public long create(String username, String displayName, String rawPassword, Set<Role> roles) {
        long id = insertChecked(currentTenant.id(), username, displayName, rawPassword, roles);
        auditLog.recordChange(AuditAction.ACCOUNT_CREATED, "account " + username + " with roles " + roleNames(roles));
        return id;
    }

    @PreAuthorize("hasRole('" + Roles.GLOBAL_ADMIN + "')")
    @Transactional
    public void setEnabled(long accountId, boolean enabled) {
        AccountSummary account = inMyTenant(accountId);
        if (account.enabled() == enabled) {
            return;
        }
        if (!enabled) {
            refuseIfSelf(account, "You cannot disable your own account.");
            keepOneGlobalAdmin(account);
        }
        accounts.updateEnabled(currentTenant.id(), accountId, enabled);
        auditLog.recordChange(
                enabled ? AuditAction.ACCOUNT_ENABLED : AuditAction.ACCOUNT_DISABLED, "account " + account.username());
    }

    /** Sets a new password that the administrator passes on to the account's owner. */
    @PreAuthorize("hasRole('" + Roles.GLOBAL_ADMIN + "')")
    @Transactional
    public void resetPassword(long accountId, String rawPassword) {
        AccountSummary account = inMyTenant(accountId);
        PasswordPolicy.check(rawPassword, account.username());
        accounts.updatePasswordHash(currentTenant.id(), accountId, passwordEncoder.encode(rawPassword));
        auditLog.recordChange(AuditAction.PASSWORD_RESET, "account " + account.username());
    }

    @PreAuthorize("hasRole('" + Roles.GLOBAL_ADMIN + "')")
    @Transactional
    public void assignRoles(long accountId, Set<Role> roles) {
        AccountSummary account = inMyTenant(accountId);
        requireRoles(roles);
        if (account.roles().equals(roles)) {
            return;
        }
        if (account.roles().contains(Role.GLOBAL_ADMIN) && !roles.contains(Role.GLOBAL_ADMIN)) {
            refuseIfSelf(account, "You cannot remove your own global administrator role.");
            keepOneGlobalAdmin(account);
        }
        accounts.replaceRoles(accountId, roles);
        auditLog.recordChange(
                AuditAction.ROLES_CHANGED,
                "account " + account.username() + ": " + roleNames(account.roles()) + " -> " + roleNames(roles));
    }

    /** The signed-in account changes its own password, proving it knows the current one. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        PortalUser me = SignedInAccount.user();
        if (!passwordEncoder.matches(currentPassword, accounts.passwordHash(me.accountId()))) {
            throw new AccountProblem(AccountProblem.Field.CURRENT_PASSWORD, "The current password is not correct.");
        }
        PasswordPolicy.check(newPassword, me.getUsername());
        if (newPassword.equals(currentPassword)) {
            throw new AccountProblem(
                    AccountProblem.Field.PASSWORD, "The new password must differ from the current one.");
        }
        accounts.updatePasswordHash(me.tenantId(), me.accountId(), passwordEncoder.encode(newPassword));
        auditLog.recordChange(AuditAction.PASSWORD_CHANGED, "own password");
    }

    private long insertChecked(
            long tenantId, String username, String displayName, String rawPassword, Set<Role> roles) {
        requireValidUsername(username);
        if (displayName.isBlank() || displayName.length() > MAX_DISPLAY_NAME) {
            throw new AccountProblem(
                    AccountProblem.Field.DISPLAY_NAME,
                    "A display name is required, at most " + MAX_DISPLAY_NAME + " characters.");
        }
        PasswordPolicy.check(rawPassword, username);
        requireRoles(roles);
        if (accounts.findByUsername(username).isPresent()) {
            // User names are unique across tenants; saying so reveals only that the name exists somewhere.
            throw new AccountProblem(AccountProblem.Field.USERNAME, "The user name " + username + " is taken.");
        }
        return accounts.insert(
                tenantId, username, displayName.strip(), passwordEncoder.encode(rawPassword), clock.instant(), roles);
    }

    /** Refuses a user name an account cannot have. */
    static void requireValidUsername(String username) {
        if (!USERNAME.matcher(username).matches()) {
            throw new AccountProblem(
                    AccountProblem.Field.USERNAME,
                    "A user name has 3 to 128 letters, digits or . _ @ + - and no spaces.");
        }
    }

    private AccountSummary inMyTenant(long accountId) {
        return accounts.findInTenant(currentTenant.id(), accountId)
                .orElseThrow(() ->
                        new AccountProblem(AccountProblem.Field.ACCOUNT, "There is no account " + accountId + "."));
    }

    private static void requireRoles(Set<Role> roles) {
        if (roles.isEmpty()) {
            throw new AccountProblem(AccountProblem.Field.ROLES, "An account needs at least one role.");
        }
    }

    private static void refuseIfSelf(AccountSummary account, String message) {
        if (account.id() == SignedInAccount.id()) {
            throw new AccountProblem(AccountProblem.Field.ACCOUNT, message);
        }
    }

    private void keepOneGlobalAdmin(AccountSummary account) {
        if (account.roles().contains(Role.GLOBAL_ADMIN)
                && accounts.otherEnabledGlobalAdmins(currentTenant.id(), account.id()) == 0) {
            throw new AccountProblem(
                    AccountProblem.Field.ACCOUNT, "The tenant must keep at least one enabled global administrator.");
        }
    }

    private static String roleNames(Set<Role> roles) {
        return roles.stream().sorted().map(Role::title).toList().toString();
    }
}
