package org.commsportal.rws;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.commsportal.activeusers.ActiveUserPeriod;
import org.commsportal.activeusers.ActiveUserReport;
import org.commsportal.activeusers.ActiveUserRow;
import org.commsportal.activeusers.ActiveUsersService;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.periodfigures.FigurePeriod;
import org.commsportal.periodfigures.FigureReport;
import org.commsportal.periodfigures.FigureRow;
import org.commsportal.periodfigures.FigureSet;
import org.commsportal.periodfigures.PeriodFiguresService;
import org.commsportal.security.Roles;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The feeds: the active users service's report (CsActiveUser*) or the period figures service's (the sibling
 * reports), filtered, sorted and paged by the query options in the database, and audited. No surrounding
 * transaction: the audit record commits on its own, and no lock is held while it does.
 */
@Service
class ReportingWebService {

    private final ActiveUsersService activeUsers;
    private final PeriodFiguresService periodFigures;
    private final ReportRowRepository rows;
    private final AuditLog auditLog;

    ReportingWebService(
            ActiveUsersService activeUsers,
            PeriodFiguresService periodFigures,
            ReportRowRepository rows,
            AuditLog auditLog) {
        this.activeUsers = activeUsers;
        this.periodFigures = periodFigures;
        this.rows = rows;
        this.auditLog = auditLog;
    }

    /** The rows of one feed request and the tenant they belong to. */
    record Feed(UUID tenantGuid, String tenantName, List<ReportRow> rows) {}

    /** The entity sets the signed-in account may read: all of them, for every role (docs/privacy-and-roles.md). */
    @PreAuthorize(Roles.READ_ACTIVE_USERS)
    public List<EntitySet> entitySets() {
        return EntitySet.ALL;
    }

    /**
     * The report's rows selected by the options; the request is audited with the resource (the entity set, or an
     * entry's key), its options, zone and row count.
     */
    @PreAuthorize(Roles.READ_ACTIVE_USERS)
    public Feed feed(EntitySet set, String resource, ZoneId zone, QueryOptions options) {
        Feed report = report(set, zone);
        SqlCondition condition = options.filter() == null ? SqlCondition.ALL : SqlCondition.of(options.filter());
        List<ReportRow> selected = rows.select(
                set.kind(),
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
                        + zone.getId() + " as " + options.format().name().toLowerCase(Locale.ROOT) + ", "
                        + options.describe() + ": " + selected.size() + " rows");
        return new Feed(report.tenantGuid(), report.tenantName(), selected);
    }

    /** Every row of the report, from the service that owns its figures. */
    private Feed report(EntitySet set, ZoneId zone) {
        FigureSet figureSet = set.kind().figureSet();
        if (figureSet == null) {
            ActiveUserReport report = activeUsers.report(set.period(), zone);
            List<ReportRow> all = new ArrayList<>(report.rows().size());
            for (ActiveUserRow row : report.rows()) {
                all.add(new ReportRow(row.id(), row.date(), Map.of(ReportField.ACTIVE_USERS, row.activeUsers())));
            }
            return new Feed(report.tenantGuid(), report.tenantName(), all);
        }
        FigureReport report = periodFigures.report(figureSet, figurePeriod(set.period()), zone);
        List<ReportRow> all = new ArrayList<>(report.rows().size());
        for (FigureRow row : report.rows()) {
            Map<ReportField, Long> figures = new EnumMap<>(ReportField.class);
            for (ReportField field : set.kind().figures()) {
                figures.put(field, row.figures().get(java.util.Objects.requireNonNull(field.figure())));
            }
            all.add(new ReportRow(row.id(), row.date(), figures));
        }
        return new Feed(report.tenantGuid(), report.tenantName(), all);
    }

    private static FigurePeriod figurePeriod(ActiveUserPeriod period) {
        return switch (period) {
            case DAILY -> FigurePeriod.DAILY;
            case WEEKLY -> FigurePeriod.WEEKLY;
            case MONTHLY -> FigurePeriod.MONTHLY;
            case YEARLY -> throw new IllegalArgumentException("The sibling reports have no yearly set");
        };
    }
}
