package org.commsportal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.common.SecretTokens;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: an account creates, lists and revokes its own; a token signs API calls in as its account,
 * with that account's tenant and current roles, never more.
 */
@Service
public class ApiTokens {

    public static final int MAX_VALID_DAYS = 366;
    static final String TOKEN_START = "cup_";
    /** How stale a token's "last used" may be: writing it on every call would cost a write per API request. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final AccountRepository accounts;
    private final AuditLog auditLog;
    private final Clock clock;

    ApiTokens(ApiTokenRepository tokens, AccountRepository accounts, AuditLog auditLog, Clock clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional
    public CreatedApiToken create(String name, int validDays) {
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new AccountProblem(AccountProblem.Field.TOKEN, "Give the token a name of 1 to 100 characters.");
        }
        if (validDays < 1 || validDays > MAX_VALID_DAYS) {
            throw new AccountProblem(
                    AccountProblem.Field.TOKEN, "A token is valid for 1 to " + MAX_VALID_DAYS + " days.");
        }
        PortalUser me = SignedInAccount.user();
        String token = SecretTokens.generate(TOKEN_START);
        Instant now = clock.instant();
        long id = tokens.insert(
                me.tenantId(),
                me.accountId(),
                trimmed,
                SecretTokens.shownPrefix(token),
                SecretTokens.hash(token),
                now,
                now.plus(Duration.ofDays(validDays)));
        auditLog.recordChange(
                AuditAction.API_TOKEN_CREATED,
                "token " + trimmed + " (" + SecretTokens.shownPrefix(token) + "...) valid " + validDays + " days");
        return new CreatedApiToken(
                token, tokens.find(me.tenantId(), me.accountId(), id).orElseThrow());
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<ApiTokenSummary> mine() {
        PortalUser me = SignedInAccount.user();
        return tokens.ofAccount(me.tenantId(), me.accountId());
    }

    /** Revokes one of the signed-in account's tokens; another account's token is as unknown as a missing one. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void revoke(long tokenId) {
        PortalUser me = SignedInAccount.user();
        ApiTokenSummary token = tokens.find(me.tenantId(), me.accountId(), tokenId)
                .orElseThrow(
                        () -> new AccountProblem(AccountProblem.Field.TOKEN, "You have no token " + tokenId + "."));
        if (token.revokedAt() == null) {
            tokens.revoke(tokenId, clock.instant());
            auditLog.recordChange(
                    AuditAction.API_TOKEN_REVOKED, "token " + token.name() + " (" + token.prefix() + "...)");
        }
    }

    /**
     * The account a presented token signs in as: empty for an unknown, revoked or expired token or a disabled account.
     * Runs on every API call, so it is two reads without a transaction, and the token's last use is written at most
     * once per {@link #LAST_USED_PRECISION} (docs/graph-api.md, "Authentication").
     */
    public Optional<PortalUser> authenticate(String presented) {
        if (!presented.startsWith(TOKEN_START)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.usableOwner(SecretTokens.hash(presented), now)
                .flatMap(owner -> {
                    if (owner.lastUsedAt() == null || !owner.lastUsedAt().isAfter(now.minus(LAST_USED_PRECISION))) {
                        tokens.markUsed(owner.tokenId(), now);
                    }
                    return accounts.findByUsername(owner.username());
                })
                .filter(PortalUser::isEnabled);
    }
}
