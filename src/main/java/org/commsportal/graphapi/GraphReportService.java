package org.commsportal.graphapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.UserActivityRow;
import org.commsportal.activity.UserTableQuery;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.common.CountsByDataVersion;
import org.commsportal.common.ReportPeriod;
import org.commsportal.directory.DirectoryService;
import org.commsportal.graphapi.CountColumns.DayRow;
import org.commsportal.privacy.NameConcealment;
import org.commsportal.security.Roles;
import org.commsportal.skypeactivity.SkypeActivityService;
import org.commsportal.skypeactivity.UserActivityFigures;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.DataVersion;
import org.commsportal.tenant.TenantService;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The Graph-style reports, built on the peer-to-peer page's own service so both always show the same figures;
 * the per-user detail adds distinct sessions and conference figures of each page of users from the Skype for
 * Business activity read model. No surrounding
 * transaction: the peer-to-peer reads must see the period totals they move to the report date (see
 * {@link ActivityService#users}).
 */
@Service
class GraphReportService {

    private final ActivityService activity;
    private final DirectoryService directory;
    private final SkypeActivityService skypeActivity;
    private final CurrentTenant currentTenant;
    private final TenantService tenants;
    private final DataVersion dataVersion;
    private final NameConcealment concealment;
    private final AuditLog auditLog;
    /** The rows of user tables (docs/graph-api.md, "Paging"): at 100,000 users a count is 25 ms of the database. */
    private final CountsByDataVersion<Long> tableSizes = new CountsByDataVersion<>(1_000);

    GraphReportService(
            ActivityService activity,
            DirectoryService directory,
            SkypeActivityService skypeActivity,
            CurrentTenant currentTenant,
            TenantService tenants,
            DataVersion dataVersion,
            NameConcealment concealment,
            AuditLog auditLog) {
        this.activity = activity;
        this.directory = directory;
        this.skypeActivity = skypeActivity;
        this.currentTenant = currentTenant;
        this.tenants = tenants;
        this.dataVersion = dataVersion;
        this.concealment = concealment;
        this.auditLog = auditLog;
    }

    /** A counts report's rows, newest day first. */
    @PreAuthorize(Roles.READ_CHARTS)
    public List<DayRow> counts(ReportCall call) {
        ReportPeriod period = periodOf(call);
        LocalDate reportDate = activity.reportDate();
        LocalDate from = activity.firstDay(period);
        List<DayRow> rows = new ArrayList<>();
        switch (call.function()) {
            case PEER_TO_PEER_ACTIVITY_COUNTS, PEER_TO_PEER_ACTIVITY_USER_COUNTS, PEER_TO_PEER_ACTIVITY_MINUTE_COUNTS ->
                activity.activity(period)
                        .days()
                        .forEach(day -> rows.add(new DayRow(reportDate, call.reportPeriod(), day.day(), day)));
            case ACTIVITY_COUNTS, ACTIVITY_USER_COUNTS ->
                skypeActivity
                        .days(from, reportDate)
                        .forEach(day -> rows.add(new DayRow(reportDate, call.reportPeriod(), day.day(), day)));
            case ORGANIZER_ACTIVITY_COUNTS, ORGANIZER_ACTIVITY_USER_COUNTS, ORGANIZER_ACTIVITY_MINUTE_COUNTS ->
                skypeActivity
                        .organizedDays(from, reportDate)
                        .forEach(day -> rows.add(new DayRow(reportDate, call.reportPeriod(), day.day(), day)));
            case PARTICIPANT_ACTIVITY_COUNTS, PARTICIPANT_ACTIVITY_USER_COUNTS, PARTICIPANT_ACTIVITY_MINUTE_COUNTS ->
                skypeActivity
                        .participatedDays(from, reportDate)
                        .forEach(day -> rows.add(new DayRow(reportDate, call.reportPeriod(), day.day(), day)));
            case ACTIVITY_USER_DETAIL -> throw new IllegalArgumentException("not a counts report");
        }
        rows.sort(Comparator.comparing(DayRow::reportDate).reversed());
        return rows;
    }

    /** What a user detail call will read, checked (role, date) before any byte of the answer is written. */
    record UserDetailPlan(
            ReportCall call, UserTableQuery query, LocalDate reportDate, LocalDate from, LocalDate until, long total) {}

    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public UserDetailPlan planUserDetail(ReportCall call, SkipToken start) {
        UserTableQuery query = tableQuery(call);
        checkAnchor(start);
        LocalDate reportDate = activity.reportDate();
        LocalDate from = call.date() != null ? call.date() : activity.firstDay(call.period());
        LocalDate until = (call.date() != null ? call.date() : reportDate).plusDays(1);
        return new UserDetailPlan(
                call, query, reportDate, from, until, tableSize("activity", query, () -> activity.countUsers(query)));
    }

    /**
     * The rows of a report's user table for the query, counted once per version of the tenant's data, report date
     * and name concealment of the viewer; the caller has checked the role.
     */
    public long tableSize(String report, Object query, LongSupplier count) {
        return tableSizes.get(
                currentTenant.id(),
                dataVersion.current(),
                List.of(
                        report,
                        query,
                        activity.reportDate(),
                        concealment.forCurrentViewer().concealed()),
                count::getAsLong);
    }

    /**
     * Refuses a skip token whose user the tenant does not have: one of another tenant, made up, or since removed
     * by the retention (its page cannot be placed). Runs before the first byte of the answer.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public void checkAnchor(SkipToken start) {
        Long anchor = start.afterUserId();
        if (anchor != null && !directory.exists(anchor)) {
            throw GraphApiException.badRequest("This $skiptoken continues no page of this tenant's reports (its "
                    + "user is not in the directory); start again from the first page.");
        }
    }

    /**
     * Hands over the planned user detail rows, by user name, after the token's user; at most limit rows, read in
     * batches by keyset. Audited, like every per-user export.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public SkipToken.PageEnd userDetail(
            UserDetailPlan plan, SkipToken start, long limit, Consumer<UserDetailRow> consumer) {
        SkipToken.PageEnd end = start.read(
                limit,
                (after, count) -> activity.usersAfter(plan.query(), after, count),
                UserActivityRow::userId,
                batch -> writeBatch(
                        batch, plan.reportDate(), plan.call().reportPeriod(), plan.from(), plan.until(), consumer));
        auditLog.record(AuditAction.EXPORT, start.audited(plan.call(), end, plan.total()));
        return end;
    }

    private void writeBatch(
            List<UserActivityRow> rows,
            LocalDate reportDate,
            String reportPeriod,
            LocalDate from,
            LocalDate until,
            Consumer<UserDetailRow> consumer) {
        List<Long> ids = rows.stream().map(UserActivityRow::userId).toList();
        Map<Long, UserActivityFigures> figures = skypeActivity.users(ids, from, until);
        for (UserActivityRow row : rows) {
            UserActivityFigures user = figures.getOrDefault(row.userId(), UserActivityFigures.NONE);
            consumer.accept(new UserDetailRow(
                    reportDate, reportPeriod, row, user.peerToPeerSessions(), user.organized(), user.participated()));
        }
    }

    /**
     * The entity tag of a response: it changes when the tenant's data changes, when the report date moves on,
     * and when the viewer's name concealment changes, and it differs per call and page.
     */
    @PreAuthorize(Roles.READ_CHARTS)
    public String entityTag(ReportCall call, String representation) {
        String parts = String.join(
                "|",
                String.valueOf(currentTenant.id()),
                call.toString(),
                representation,
                activity.reportDate().toString(),
                String.valueOf(dataVersion.current()),
                String.valueOf(concealment.forCurrentViewer().concealed()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(parts.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private ReportPeriod periodOf(ReportCall call) {
        if (call.period() == null) {
            throw GraphApiException.badRequest(call.function().urlName() + " takes a period, not a date.");
        }
        return call.period();
    }

    /** The per-user table query of the call; a date must lie in the last 180 days and within the retention. */
    private UserTableQuery tableQuery(ReportCall call) {
        LocalDate date = userDetailDay(call);
        return date == null
                ? UserTableQuery.of(periodOf(call))
                : UserTableQuery.of(ReportPeriod.D180).withDay(date);
    }

    /**
     * The day a user detail call names, checked against the days the reports keep (the last 180 and the tenant's
     * retention); null for a period. The role is checked first, so a caller who may not read per-user data is
     * refused whatever the date.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public @Nullable LocalDate userDetailDay(ReportCall call) {
        LocalDate date = call.date();
        if (date == null) {
            return null;
        }
        LocalDate reportDate = activity.reportDate();
        LocalDate earliest = activity.firstDay(ReportPeriod.D180);
        LocalDate retained = reportDate.minusDays(tenants.current().retentionDays() - 1L);
        if (retained.isAfter(earliest)) {
            earliest = retained;
        }
        if (date.isAfter(reportDate)) {
            throw GraphApiException.badRequest(
                    "The date " + date + " has no complete data yet; the latest is " + reportDate + ".");
        }
        if (date.isBefore(earliest)) {
            throw GraphApiException.badRequest(
                    "The date " + date + " is before " + earliest + ", the earliest date this report keeps.");
        }
        return date;
    }
}
