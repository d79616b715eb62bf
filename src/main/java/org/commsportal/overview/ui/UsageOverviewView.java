package org.commsportal.overview.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.charts.model.PlotOptionsLine;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.commsportal.activeusers.ActiveUserPeriod;
import org.commsportal.activeusers.ActiveUserRow;
import org.commsportal.activeusers.ActiveUsersNotReadyException;
import org.commsportal.activeusers.ActiveUsersService;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.DailyActivity;
import org.commsportal.base.ui.LocaleNumbers;
import org.commsportal.base.ui.MenuEntries;
import org.commsportal.common.ReportPeriod;
import org.commsportal.deviceusage.DeviceUsageDay;
import org.commsportal.deviceusage.DeviceUsageService;
import org.commsportal.deviceusage.Platform;
import org.commsportal.pstn.PstnUsageDay;
import org.commsportal.pstn.PstnUsageService;
import org.commsportal.savedviews.SavedViews;
import org.commsportal.security.Roles;
import org.commsportal.skypeactivity.ActivityDay;
import org.commsportal.skypeactivity.ConferenceDay;
import org.commsportal.skypeactivity.SkypeActivityService;
import org.jspecify.annotations.Nullable;

/**
 * Usage overview: one card per usage report the viewer's roles open (docs/pages.md), with the report's figure of the
 * report date and its last 30 days as a small trend, linking to the report.
 */
@Route("usage")
@PageTitle("Usage overview | Comms Usage Portal")
@Menu(order = 0.5, title = "Usage overview", icon = "vaadin:dashboard")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class UsageOverviewView extends VerticalLayout {

    /** A card's figures: the last 30 days, oldest first, and what the figure counts. */
    private record Trend(String label, List<LocalDate> days, List<Long> values) {}

    UsageOverviewView(
            ActivityService activity,
            SkypeActivityService skypeActivity,
            ActiveUsersService activeUsers,
            DeviceUsageService deviceUsage,
            PstnUsageService pstnUsage,
            SavedViews savedViews) {
        setId("usage-overview");
        setWidthFull();
        LocaleNumbers.useInCharts(getLocale());
        LocalDate to = skypeActivity.reportDate();
        LocalDate from = skypeActivity.firstDay(ReportPeriod.D30);
        var dataAsOf = new Span(
                "Data as of " + to + " (UTC); each card shows the report date's figure and the last " + "30 days.");
        dataAsOf.setId("data-as-of");
        add(new H2("Usage overview"), dataAsOf);

        Map<String, Supplier<Trend>> trends = new LinkedHashMap<>();
        trends.put("usage/peer-to-peer-activity", () -> {
            List<DailyActivity> days = activity.activity(ReportPeriod.D30).days();
            return new Trend(
                    "peer-to-peer audio and video minutes",
                    days.stream().map(DailyActivity::day).toList(),
                    days.stream().map(d -> d.audioMinutes() + d.videoMinutes()).toList());
        });
        trends.put("usage/activity", () -> {
            List<ActivityDay> days = skypeActivity.days(from, to);
            return new Trend(
                    "peer-to-peer sessions",
                    days.stream().map(ActivityDay::day).toList(),
                    days.stream().map(ActivityDay::peerToPeerSessions).toList());
        });
        trends.put("usage/conference-organizer-activity", () -> {
            List<ActivityDay> days = skypeActivity.days(from, to);
            return new Trend(
                    "conferences organized",
                    days.stream().map(ActivityDay::day).toList(),
                    days.stream().map(ActivityDay::conferencesOrganized).toList());
        });
        trends.put("usage/conference-participant-activity", () -> {
            List<ConferenceDay> days = skypeActivity.participatedDays(from, to);
            return new Trend(
                    "audio/video minutes in conferences taken part in",
                    days.stream().map(ConferenceDay::day).toList(),
                    days.stream().map(ConferenceDay::audioVideoMinutes).toList());
        });
        trends.put("usage/device-usage", () -> {
            List<DeviceUsageDay> days = deviceUsage.report(ReportPeriod.D30).days();
            return new Trend(
                    "users on mobile devices (iPhone, iPad, Android, Windows Phone)",
                    days.stream().map(DeviceUsageDay::day).toList(),
                    days.stream()
                            .map(d -> d.users(Platform.IPHONE)
                                    + d.users(Platform.IPAD)
                                    + d.users(Platform.ANDROID_PHONE)
                                    + d.users(Platform.WINDOWS_PHONE))
                            .toList());
        });
        trends.put("usage/pstn-usage", () -> {
            List<PstnUsageDay> days = pstnUsage.report(ReportPeriod.D30).days();
            return new Trend(
                    "international PSTN minutes",
                    days.stream().map(PstnUsageDay::day).toList(),
                    days.stream().map(PstnUsageDay::international).toList());
        });
        trends.put("usage/active-users", () -> {
            List<ActiveUserRow> rows =
                    activeUsers.report(ActiveUserPeriod.DAILY, ZoneOffset.UTC).rows();
            List<ActiveUserRow> last = rows.subList(Math.max(0, rows.size() - 30), rows.size());
            return new Trend(
                    "active users (UTC day)",
                    // a row's date is the midnight that ends its day
                    last.stream().map(r -> r.date().toLocalDate().minusDays(1)).toList(),
                    last.stream().map(ActiveUserRow::activeUsers).toList());
        });

        var cards = new Div();
        cards.setId("overview-cards");
        cards.addClassName("overview-cards");
        Map<String, String> titles = new LinkedHashMap<>(); // the usage reports the viewer's roles open
        Map<String, String> savedViewTitles = new LinkedHashMap<>(); // every savable page the viewer's roles open
        for (var entry : MenuEntries.forCurrentViewer()) {
            String path = entry.path().replaceAll("^/+", "").replaceAll("/+$", "");
            if (SavedViews.ROUTES.contains(path)) {
                savedViewTitles.putIfAbsent(path, entry.title());
            }
            if (path.isEmpty() || path.equals("usage") || !path.startsWith("usage/") || titles.containsKey(path)) {
                continue;
            }
            titles.put(path, entry.title());
            Supplier<Trend> trend = trends.get(path);
            cards.add(card(entry.title(), path, trend == null ? null : read(trend)));
        }
        if (cards.getChildren().findAny().isEmpty()) {
            add(new Paragraph("Your roles open no usage reports."));
        }
        add(cards);
        add(new SavedViewList(savedViews, savedViewTitles));
    }

    /** A report still being prepared (active users right after an upgrade) shows no figure yet. */
    private static @Nullable Trend read(Supplier<Trend> trend) {
        try {
            return trend.get();
        } catch (ActiveUsersNotReadyException e) {
            return null;
        }
    }

    private Component card(String title, String path, @Nullable Trend trend) {
        var card = new Div();
        card.addClassName("overview-card");
        card.setId("card-" + path.substring("usage/".length()));
        var link = new RouterLink();
        link.setText(title);
        link.setRoute(RouteConfiguration.forSessionScope()
                .getRoute(path)
                .orElseThrow(() -> new IllegalStateException("No route " + path)));
        link.addClassName("overview-card-title");
        card.add(link);
        if (trend == null || trend.values().isEmpty()) {
            var what = new Paragraph(
                    trend == null && path.equals("usage/session-details")
                            ? "Search and open single sessions."
                            : "No figure yet: open the report.");
            card.add(what);
            return card;
        }
        long latest = trend.values().get(trend.values().size() - 1);
        var headline = new Span(LocaleNumbers.format(latest, getLocale()));
        headline.addClassName("overview-card-figure");
        headline.setId("figure-" + path.substring("usage/".length()));
        var label =
                new Span(trend.label() + " on " + trend.days().get(trend.days().size() - 1));
        label.addClassName("overview-card-label");
        card.add(headline, label, sparkline(trend));
        return card;
    }

    private static Chart sparkline(Trend trend) {
        var chart = new Chart(ChartType.LINE);
        chart.setHeight("80px");
        Configuration conf = chart.getConfiguration();
        conf.setTitle("");
        conf.getChart().setAnimation(false);
        conf.getLegend().setEnabled(false);
        conf.getxAxis()
                .setCategories(trend.days().stream().map(LocalDate::toString).toArray(String[]::new));
        conf.getxAxis().setVisible(false);
        conf.getyAxis().setVisible(false);
        conf.getyAxis().setMin(0);
        var options = new PlotOptionsLine();
        options.setAnimation(false);
        options.setMarker(new com.vaadin.flow.component.charts.model.Marker(false));
        conf.setPlotOptions(options);
        conf.addSeries(new ListSeries(trend.label(), trend.values().toArray(Number[]::new)));
        return chart;
    }
}
