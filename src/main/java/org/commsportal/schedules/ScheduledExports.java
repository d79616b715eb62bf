package org.commsportal.schedules;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.UserActivityColumn;
import org.commsportal.activity.UserTableQuery;
import org.commsportal.deviceusage.DeviceUsageService;
import org.commsportal.deviceusage.DeviceUserColumn;
import org.commsportal.deviceusage.DeviceUserQuery;
import org.commsportal.directory.PstnBlockAction;
import org.commsportal.export.ExportFormat;
import org.commsportal.minutepools.MinutePoolColumn;
import org.commsportal.minutepools.MinutePoolQuery;
import org.commsportal.minutepools.MinutePoolsService;
import org.commsportal.minutepools.PoolCapability;
import org.commsportal.pstn.PstnCallColumn;
import org.commsportal.pstn.PstnCallQuery;
import org.commsportal.pstn.PstnCallType;
import org.commsportal.pstn.PstnUsageService;
import org.commsportal.skypeactivity.SkypeActivityColumn;
import org.commsportal.skypeactivity.SkypeActivityPage;
import org.commsportal.skypeactivity.SkypeActivityQuery;
import org.commsportal.skypeactivity.SkypeActivityService;
import org.commsportal.usersblocked.BlockedUserColumn;
import org.commsportal.usersblocked.BlockedUserQuery;
import org.commsportal.usersblocked.UsersBlockedService;
import org.springframework.stereotype.Component;

/**
 * The export a report page's "Export CSV" / "Export Excel" gives for a saved view's address, run through the report's
 * own service as whoever is signed in: a scheduled send signs the recipient in first, so the report's role checks,
 * concealment and export audit are the recipient's (docs/scheduled-reports.md).
 */
@Component
public class ScheduledExports {

    /** A rendered export: its file name and how many rows it has. */
    public record Rendered(String fileName, long rows) {}

    private final ActivityService activity;
    private final SkypeActivityService skypeActivity;
    private final DeviceUsageService deviceUsage;
    private final PstnUsageService pstnUsage;
    private final UsersBlockedService usersBlocked;
    private final MinutePoolsService minutePools;

    ScheduledExports(
            ActivityService activity,
            SkypeActivityService skypeActivity,
            DeviceUsageService deviceUsage,
            PstnUsageService pstnUsage,
            UsersBlockedService usersBlocked,
            MinutePoolsService minutePools) {
        this.activity = activity;
        this.skypeActivity = skypeActivity;
        this.deviceUsage = deviceUsage;
        this.pstnUsage = pstnUsage;
        this.usersBlocked = usersBlocked;
        this.minutePools = minutePools;
    }

    /** The routes whose per-user table can be attached; a view of another page is sent as a link. */
    static final Set<String> ROUTES = Set.of(
            "usage/peer-to-peer-activity",
            "usage/device-usage",
            "usage/activity",
            "usage/conference-organizer-activity",
            "usage/conference-participant-activity",
            "usage/pstn-usage",
            "usage/users-blocked",
            "usage/pstn-minute-pools");

    /** Writes the per-user table of the view at {@code route?query} to {@code out} as the signed-in account sees it. */
    public Rendered export(String route, String query, ExportFormat format, OutputStream out) throws IOException {
        ReportQuery link = ReportQuery.parse(query);
        return switch (route) {
            case "usage/peer-to-peer-activity" -> peerToPeer(link, format, out);
            case "usage/device-usage" -> deviceUsage(link, format, out);
            case "usage/activity" -> skype(SkypeActivityPage.ACTIVITY, link, format, out);
            case "usage/conference-organizer-activity" -> skype(SkypeActivityPage.ORGANIZER, link, format, out);
            case "usage/conference-participant-activity" -> skype(SkypeActivityPage.PARTICIPANT, link, format, out);
            case "usage/pstn-usage" -> pstnUsage(link, query, format, out);
            case "usage/users-blocked" -> usersBlocked(link, query, format, out);
            case "usage/pstn-minute-pools" -> minutePools(link, query, format, out);
            default -> throw new IllegalArgumentException("No export for the route " + route);
        };
    }

    private Rendered peerToPeer(ReportQuery link, ExportFormat format, OutputStream out) throws IOException {
        List<UserActivityColumn> columns = link.columnsOf(Arrays.asList(UserActivityColumn.values()));
        LocalDate day = link.dayWithin(activity.reportDate());
        var query = new UserTableQuery(link.period(), day, link.user(), link.sortOf(columns), link.ascending());
        long rows = activity.export(query, columns, format, out, written -> {});
        return new Rendered(activity.exportFileName(query, format), rows);
    }

    private Rendered pstnUsage(ReportQuery link, String address, ExportFormat format, OutputStream out)
            throws IOException {
        List<PstnCallColumn> columns = link.columnsOf(Arrays.asList(PstnCallColumn.values()));
        PstnCallColumn sort = link.sortOf(columns);
        LocalDate day = link.dayWithin(pstnUsage.reportDate());
        var query = PstnCallQuery.of(link.period())
                .withDay(day)
                .withUserContains(link.user())
                .withDirection(ReportQuery.constant(address, "direction", PstnCallType.Direction.class))
                .withCountry(ReportQuery.value(address, "country"))
                .sortedBy(sort == null ? PstnCallColumn.START_TIME : sort, sort != null && link.ascending());
        long rows = pstnUsage.export(query, columns, format, out, written -> {});
        return new Rendered(pstnUsage.exportFileName(query, format), rows);
    }

    /** The blocks of the view's day, or of the recipient's today when the view has none (its page's default). */
    private Rendered usersBlocked(ReportQuery link, String address, ExportFormat format, OutputStream out)
            throws IOException {
        List<BlockedUserColumn> columns = link.columnsOf(Arrays.asList(BlockedUserColumn.values()));
        LocalDate today = usersBlocked.today();
        LocalDate day = link.day() == null || link.day().isAfter(today) ? today : link.day();
        String action = ReportQuery.value(address, "action");
        BlockedUserQuery query = BlockedUserQuery.of(day)
                .withUserContains(link.user())
                .withAction(
                        action == null
                                ? null
                                : PstnBlockAction.ofWireName(action).orElse(null));
        BlockedUserColumn sort = link.sortOf(columns);
        if (sort != null) {
            query = query.sortedBy(sort, link.ascending());
        }
        long rows = usersBlocked.export(query, columns, format, out, written -> {});
        return new Rendered(usersBlocked.exportFileName(query, format), rows);
    }

    /** The view's month: the previous one when it says so (its page writes "previous"), else the current one. */
    private Rendered minutePools(ReportQuery link, String address, ExportFormat format, OutputStream out)
            throws IOException {
        List<MinutePoolColumn> columns = link.columnsOf(Arrays.asList(MinutePoolColumn.values()));
        List<YearMonth> months = minutePools.months();
        String month = ReportQuery.value(address, "month");
        boolean previous = "previous".equals(month) || months.get(1).toString().equals(month);
        MinutePoolQuery query = MinutePoolQuery.of(previous ? months.get(1) : months.get(0))
                .withCapability(ReportQuery.constant(address, "capability", PoolCapability.class));
        MinutePoolColumn sort = link.sortOf(columns);
        if (sort != null) {
            query = query.sortedBy(sort, link.ascending());
        }
        long rows = minutePools.export(query, columns, format, out, written -> {});
        return new Rendered(minutePools.exportFileName(query, format), rows);
    }

    private Rendered deviceUsage(ReportQuery link, ExportFormat format, OutputStream out) throws IOException {
        List<DeviceUserColumn> columns = link.columnsOf(Arrays.asList(DeviceUserColumn.values()));
        LocalDate day = link.dayWithin(deviceUsage.reportDate());
        var query = new DeviceUserQuery(link.period(), day, link.user(), link.sortOf(columns), link.ascending());
        long rows = deviceUsage.export(query, columns, format, out, written -> {});
        return new Rendered(deviceUsage.exportFileName(query, format), rows);
    }

    private Rendered skype(SkypeActivityPage page, ReportQuery link, ExportFormat format, OutputStream out)
            throws IOException {
        List<SkypeActivityColumn> columns = link.columnsOf(page.columns());
        LocalDate day = link.dayWithin(skypeActivity.reportDate());
        var query =
                new SkypeActivityQuery(page, link.period(), day, link.user(), link.sortOf(columns), link.ascending());
        long rows = skypeActivity.export(query, columns, format, out, written -> {});
        return new Rendered(skypeActivity.exportFileName(query, format), rows);
    }
}
