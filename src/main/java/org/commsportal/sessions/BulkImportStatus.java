package org.commsportal.sessions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.commsportal.tenant.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether a bulk import of the signed-in tenant is running, for the usage and quality pages' notice (docs/ingest.md,
 * "Bulk imports"): its figures are exact for the UTC days before the first day it has stored sessions of so far, and
 * the later days are complete again when it finishes.
 */
@Service
public class BulkImportStatus {

    /**
     * A running bulk import: when it started, and the last UTC day whose figures are exact meanwhile (null while it
     * has stored nothing yet: every figure is still exact).
     */
    public record InProgress(Instant startedAt, @Nullable LocalDate figuresUpTo) {}

    private final BulkImportRepository state;
    private final CurrentTenant currentTenant;

    BulkImportStatus(BulkImportRepository state, CurrentTenant currentTenant) {
        this.state = state;
        this.currentTenant = currentTenant;
    }

    /** The signed-in tenant's running bulk import, if any; names no user, so any signed-in account may ask. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<InProgress> current() {
        return state.state(currentTenant.id())
                .map(row -> new InProgress(
                        row.startedAt(),
                        row.firstDay() == null ? null : row.firstDay().minusDays(1)));
    }
}
