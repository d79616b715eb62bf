package org.commsportal.audit;

import org.commsportal.export.TableExports;
import org.jspecify.annotations.Nullable;

/** Audits how an export ended: who exported what and how many rows, or after how many rows it failed. */
public final class ExportAudit {

    private ExportAudit() {}

    /**
     * @param auditLog the injected bean, so each record runs in its own transaction even inside a read-only one
     * @param what the report, its filters and columns
     */
    public static TableExports.Outcome of(AuditLog auditLog, String what) {
        return of(auditLog, what, null);
    }

    /** The same, for an export about one licensed user whom {@code what} names by this pseudonym only. */
    public static TableExports.Outcome of(AuditLog auditLog, String what, @Nullable String subjectPseudonym) {
        return of(auditLog, what, subjectPseudonym, null);
    }

    /** The same, with a text only viewers who see names read, where {@code what} holds {@link AuditLog#NAMES_ONLY}. */
    public static TableExports.Outcome of(
            AuditLog auditLog, String what, @Nullable String subjectPseudonym, @Nullable String namesOnlyText) {
        return new TableExports.Outcome() {
            @Override
            public void succeeded(long rows) {
                auditLog.record(
                        AuditAction.EXPORT,
                        "exported " + what + ": " + rows + " rows",
                        subjectPseudonym,
                        namesOnlyText);
            }

            @Override
            public void failed(long rowsWritten) {
                auditLog.record(
                        AuditAction.EXPORT,
                        "failed export of " + what + " after " + rowsWritten + " rows",
                        subjectPseudonym,
                        namesOnlyText);
            }
        };
    }
}
