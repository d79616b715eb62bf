package org.commsportal.graphapi;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.common.ReportPeriod;
import org.commsportal.deviceusage.DeviceUsageDay;
import org.commsportal.deviceusage.DeviceUsageReport;
import org.commsportal.deviceusage.DeviceUsageService;
import org.commsportal.deviceusage.DeviceUserQuery;
import org.commsportal.deviceusage.DeviceUserRow;
import org.commsportal.deviceusage.Platform;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The three device usage functions (docs/device-usage.md), read from the device usage page's own service so both
 * always show the same figures, with the vendor's CSV headers and JSON names: its five platforms only (Mac, Web and
 * Other are this portal's and not in the vendor's columns).
 */
@Service
class DeviceUsageReports {

    static final Set<ReportFunction> FUNCTIONS = Set.of(
            ReportFunction.DEVICE_USAGE_USER_DETAIL,
            ReportFunction.DEVICE_USAGE_DISTRIBUTION_USER_COUNTS,
            ReportFunction.DEVICE_USAGE_USER_COUNTS);

    /** One row of the user detail: a user with the call's report date and period. */
    record UserRow(LocalDate reportRefreshDate, String reportPeriod, DeviceUserRow user) {}

    /** One row of a counts report: a day's (or, for the distribution, the period's) users per platform. */
    record CountRow(
            LocalDate reportRefreshDate, @Nullable LocalDate reportDate, String reportPeriod, CountSource users) {}

    interface CountSource {
        long users(Platform platform);
    }

    static final List<GraphColumn<UserRow>> USER_DETAIL = List.of(
            new GraphColumn<>("Report Refresh Date", "reportRefreshDate", UserRow::reportRefreshDate),
            new GraphColumn<>(
                    "User Principal Name", "userPrincipalName", r -> r.user().userName()),
            new GraphColumn<>(
                    "Last Activity Date", "lastActivityDate", r -> r.user().lastActivityDate()),
            new GraphColumn<>("Used Windows", "usedWindows", r -> r.user().used(Platform.WINDOWS)),
            new GraphColumn<>(
                    "Used Windows Phone", "usedWindowsPhone", r -> r.user().used(Platform.WINDOWS_PHONE)),
            new GraphColumn<>(
                    "Used Android Phone", "usedAndroidPhone", r -> r.user().used(Platform.ANDROID_PHONE)),
            new GraphColumn<>("Used iPhone", "usediPhone", r -> r.user().used(Platform.IPHONE)),
            new GraphColumn<>("Used iPad", "usediPad", r -> r.user().used(Platform.IPAD)),
            new GraphColumn<>("Report Period", "reportPeriod", UserRow::reportPeriod));

    private static List<GraphColumn<CountRow>> countColumns(boolean withReportDate) {
        List<GraphColumn<CountRow>> columns = new ArrayList<>(List.of(
                new GraphColumn<>("Report Refresh Date", "reportRefreshDate", CountRow::reportRefreshDate),
                new GraphColumn<>("Windows", "windows", r -> r.users().users(Platform.WINDOWS)),
                new GraphColumn<>(
                        "Windows Phone", "windowsPhone", r -> r.users().users(Platform.WINDOWS_PHONE)),
                new GraphColumn<>(
                        "Android Phone", "androidPhone", r -> r.users().users(Platform.ANDROID_PHONE)),
                new GraphColumn<>("iPhone", "iPhone", r -> r.users().users(Platform.IPHONE)),
                new GraphColumn<>("iPad", "iPad", r -> r.users().users(Platform.IPAD))));
        if (withReportDate) {
            columns.add(new GraphColumn<>("Report Date", "reportDate", CountRow::reportDate));
        }
        columns.add(new GraphColumn<>("Report Period", "reportPeriod", CountRow::reportPeriod));
        return List.copyOf(columns);
    }

    static final List<GraphColumn<CountRow>> USER_COUNTS = countColumns(true);
    static final List<GraphColumn<CountRow>> DISTRIBUTION_USER_COUNTS = countColumns(false);

    private final DeviceUsageService service;
    private final GraphReportService reports;
    private final AuditLog auditLog;
    private final WholeExportSlots wholeExports;

    DeviceUsageReports(
            DeviceUsageService service, GraphReportService reports, AuditLog auditLog, WholeExportSlots wholeExports) {
        this.service = service;
        this.reports = reports;
        this.auditLog = auditLog;
        this.wholeExports = wholeExports;
    }

    /** Answers one call of {@link #FUNCTIONS}; everything that can refuse it runs before its first byte. */
    void answer(
            ReportCall call,
            boolean json,
            @Nullable Long top,
            SkipToken start,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        boolean userDetail = call.function() == ReportFunction.DEVICE_USAGE_USER_DETAIL;
        if (!userDetail && (top != null || !start.first())) {
            throw GraphApiException.badRequest("$top and $skiptoken page the user detail reports only.");
        }
        long limit = top != null ? top : json ? GraphReportsController.DEFAULT_PAGE : Long.MAX_VALUE;
        DeviceUserQuery query = userDetail ? tableQuery(call) : null;
        if (userDetail) {
            reports.checkAnchor(start);
        }
        long total = query != null ? reports.tableSize("device usage", query, () -> service.countUsers(query)) : 0;
        List<CountRow> counts = userDetail ? List.of() : counts(call);

        String tag = reports.entityTag(call, (json ? "json" : "csv") + "|" + start.text() + "|" + limit);
        response.setHeader("ETag", tag);
        if (GraphReportsController.matches(request.getHeader("If-None-Match"), tag)) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            return;
        }
        try (WholeExportSlots.Slot slot = wholeExports.forAnswer(query != null, limit);
                OutputStream out = GraphReportsController.start(response, json, call)) {
            if (query == null) {
                GraphReportsController.write(
                        call.function() == ReportFunction.DEVICE_USAGE_USER_COUNTS
                                ? USER_COUNTS
                                : DISTRIBUTION_USER_COUNTS,
                        json,
                        out,
                        counts::forEach,
                        null);
                return;
            }
            List<SkipToken.PageEnd> end = new ArrayList<>(1);
            GraphReportsController.write(
                    USER_DETAIL,
                    json,
                    out,
                    rows -> end.add(userDetail(call, query, start, limit, total, rows)),
                    () -> GraphReportsController.nextLink(request, json, limit, start, end.get(0), total));
        }
    }

    /**
     * The counts rows of the call: per day newest first, or the period's one distribution row. The device usage
     * service checks the role (charts).
     */
    private List<CountRow> counts(ReportCall call) {
        DeviceUsageReport report = service.report(periodOf(call));
        if (call.function() == ReportFunction.DEVICE_USAGE_DISTRIBUTION_USER_COUNTS) {
            return List.of(new CountRow(report.reportDate(), null, call.reportPeriod(), report::distribution));
        }
        return report.days().stream()
                .sorted(Comparator.comparing(DeviceUsageDay::day).reversed())
                .map(day -> new CountRow(report.reportDate(), day.day(), call.reportPeriod(), day::users))
                .toList();
    }

    /**
     * Hands over the user detail rows, by user name, after the token's user; at most limit rows, read in batches by
     * keyset. Audited. The device usage service checks the role (per-user data), before the first byte as it counts
     * the users.
     */
    private SkipToken.PageEnd userDetail(
            ReportCall call,
            DeviceUserQuery query,
            SkipToken start,
            long limit,
            long total,
            Consumer<UserRow> consumer) {
        LocalDate reportDate = service.reportDate();
        SkipToken.PageEnd end = start.read(
                limit,
                (after, count) -> service.usersAfter(query, after, count),
                DeviceUserRow::userId,
                batch -> batch.forEach(row -> consumer.accept(new UserRow(reportDate, call.reportPeriod(), row))));
        auditLog.record(AuditAction.EXPORT, start.audited(call, end, total));
        return end;
    }

    private static ReportPeriod periodOf(ReportCall call) {
        if (call.period() == null) {
            throw GraphApiException.badRequest(call.function().urlName() + " takes a period, not a date.");
        }
        return ReportPeriod.valueOf(call.period().name());
    }

    /** The per-user query of the call; a date must lie in the last 180 days and within the retention. */
    private DeviceUserQuery tableQuery(ReportCall call) {
        LocalDate date = reports.userDetailDay(call);
        return date == null
                ? DeviceUserQuery.of(periodOf(call))
                : DeviceUserQuery.of(ReportPeriod.D180).withDay(date);
    }
}
