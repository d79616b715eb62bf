package org.commsportal.audit;

import org.commsportal.export.TableExports;

/** Audits how an export ended: who exported what and how many rows, or after how many rows it failed. */
public final class ExportAudit {

    private ExportAudit() {
    }

    /**
     * @param auditLog the injected bean, so each record runs in its own transaction even inside a read-only one
     * @param what the report, its filters and columns
     */
    public static TableExports.Outcome of(AuditLog auditLog, String what) {
        return new TableExports.Outcome() {
            @Override
            public void succeeded(long rows) {
                auditLog.record(AuditAction.EXPORT, "exported " + what + ": " + rows + " rows");
            }

            @Override
            public void failed(long rowsWritten) {
                auditLog.record(AuditAction.EXPORT, "failed export of " + what + " after " + rowsWritten + " rows");
            }
        };
    }
}
