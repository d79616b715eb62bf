package org.commsportal.rws;

import java.time.ZoneId;
import java.util.List;
import org.commsportal.activeusers.ActiveUserPeriod;
import org.commsportal.activeusers.ActiveUserReport;
import org.commsportal.activeusers.ActiveUserRow;
import org.commsportal.activeusers.ActiveUsersService;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.security.Roles;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The CsActiveUser* feeds: the active users service's report, filtered, sorted and paged by the query options in
 * the database, and audited. No surrounding transaction: the audit record commits on its own, and no lock is held
 * while it does.
 */
@Service
class ReportingWebService {

    private final ActiveUsersService activeUsers;
    private final ReportRowRepository rows;
    private final AuditLog auditLog;

    ReportingWebService(ActiveUsersService activeUsers, ReportRowRepository rows, AuditLog auditLog) {
        this.activeUsers = activeUsers;
        this.rows = rows;
        this.auditLog = auditLog;
    }

    /** The rows of one feed request and the report (tenant, zone) they come from. */
    record Feed(ActiveUserReport report, List<ActiveUserRow> rows) {}

    /** The entity sets the signed-in account may read: all four, for every role (docs/privacy-and-roles.md). */
    @PreAuthorize(Roles.READ_ACTIVE_USERS)
    public List<ActiveUserPeriod> entitySets() {
        return List.of(ActiveUserPeriod.values());
    }

    /**
     * The report's rows selected by the options; the request is audited with the resource (the entity set, or an
     * entry's key), its options, zone and row count.
     */
    @PreAuthorize(Roles.READ_ACTIVE_USERS)
    public Feed feed(ActiveUserPeriod period, String resource, ZoneId zone, QueryOptions options) {
        ActiveUserReport report = activeUsers.report(period, zone);
        SqlCondition condition = options.filter() == null ? SqlCondition.ALL : SqlCondition.of(options.filter());
        List<ActiveUserRow> selected = rows.select(
                report.rows(),
                report.tenantGuid(),
                report.tenantName(),
                condition,
                options.orderBy(),
                options.skip(),
                options.top());
        auditLog.record(
                AuditAction.ACTIVE_USERS_REQUESTED,
                "reporting web service " + resource + " in "
                        + zone.getId() + " as " + options.format().name().toLowerCase(java.util.Locale.ROOT) + ", "
                        + options.describe() + ": " + selected.size() + " rows");
        return new Feed(report, selected);
    }
}
