package org.commsportal.ingest;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.common.SecretTokens;
import org.commsportal.tenant.CurrentTenant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-tenant keys for the ingestion endpoints: global administrators create (shown once), list and revoke them.
 * A key signs in to ingestion only, as its tenant, with no portal role.
 */
@Service
public class IngestionKeys {

    static final String KEY_START = "cui_";
    // Role names spelled out: the security package depends on this one, not the other way round.
    private static final String GLOBAL_ADMIN = "hasRole('GLOBAL_ADMIN')";

    private final IngestionKeyRepository keys;
    private final CurrentTenant currentTenant;
    private final AuditLog auditLog;
    private final Clock clock;

    IngestionKeys(IngestionKeyRepository keys, CurrentTenant currentTenant, AuditLog auditLog, Clock clock) {
        this.keys = keys;
        this.currentTenant = currentTenant;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @PreAuthorize(GLOBAL_ADMIN)
    @Transactional
    public CreatedIngestionKey create(String name) {
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new IllegalArgumentException("Give the key a name of 1 to 100 characters.");
        }
        String key = SecretTokens.generate(KEY_START);
        String creator = SecurityContextHolder.getContext().getAuthentication().getName();
        long id = keys.insert(
                currentTenant.id(),
                trimmed,
                SecretTokens.shownPrefix(key),
                SecretTokens.hash(key),
                clock.instant(),
                creator);
        auditLog.recordChange(
                AuditAction.INGESTION_KEY_CREATED,
                "ingestion key " + trimmed + " (" + SecretTokens.shownPrefix(key) + "...)");
        return new CreatedIngestionKey(key, keys.find(currentTenant.id(), id).orElseThrow());
    }

    @PreAuthorize(GLOBAL_ADMIN)
    @Transactional(readOnly = true)
    public List<IngestionKeySummary> list() {
        return keys.ofTenant(currentTenant.id());
    }

    /** Revokes one of the tenant's keys; another tenant's key is as unknown as a missing one. */
    @PreAuthorize(GLOBAL_ADMIN)
    @Transactional
    public void revoke(long keyId) {
        IngestionKeySummary key = keys.find(currentTenant.id(), keyId)
                .orElseThrow(() -> new IllegalArgumentException("There is no ingestion key " + keyId + "."));
        if (key.revokedAt() == null) {
            keys.revoke(keyId, clock.instant());
            auditLog.recordChange(
                    AuditAction.INGESTION_KEY_REVOKED, "ingestion key " + key.name() + " (" + key.prefix() + "...)");
        }
    }

    /** The tenant a presented key ingests for; empty for an unknown or revoked key. */
    @Transactional
    public Optional<Long> tenantOf(String presented) {
        if (!presented.startsWith(KEY_START)) {
            return Optional.empty();
        }
        return keys.usable(SecretTokens.hash(presented)).map(idAndTenant -> {
            keys.markUsed(idAndTenant[0], clock.instant());
            return idAndTenant[1];
        });
    }
}
