package org.commsportal.sessiondetails.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.dom.Element;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.commsportal.sessiondetails.SessionQuality;
import org.commsportal.sessiondetails.SessionRow;
import org.commsportal.sessiondetails.StreamVerdict;
import org.commsportal.sessiondetails.Verdict;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.Side;
import org.jspecify.annotations.Nullable;

/**
 * A session's sub-table: the ten tabs of docs/session-details.md, each with its From and To side. Streams show their
 * verdict; a metric that made a stream Poor is highlighted with the rule it broke.
 */
final class QualityTabs extends Div {

    static final String NO_DATA = "No data for this session";

    QualityTabs(SessionQuality quality, SessionRow session) {
        addClassName("session-quality");
        getElement().setAttribute("data-session", Long.toString(session.id()));
        var parties = new Span("From " + session.fromUri() + (session.toUri() == null ? "" : " to " + session.toUri()));
        parties.addClassName("session-parties");
        var tabs = new TabSheet();
        tabs.setWidthFull();
        Quality.Report report = quality.report();
        addTab(tabs, "SESSION", sideBySide(report.sessions(), List.of()));
        addTab(tabs, "MEDIALINES", sideBySide(report.mediaLines(), List.of()));
        addTab(tabs, "AUDIOSTREAMS", sideBySide(report.audioStreams(), quality.audioVerdicts()));
        addTab(tabs, "AUDIOCLIENTEVENTS", sideBySide(report.audioClientEvents(), List.of()));
        addTab(tabs, "AUDIOSIGNALS", sideBySide(report.audioSignals(), List.of()));
        addTab(tabs, "APPSHARINGSTREAMS", sideBySide(report.appSharingStreams(), quality.appSharingVerdicts()));
        addTab(tabs, "VIDEOCLIENTEVENTS", sideBySide(report.videoClientEvents(), List.of()));
        addTab(tabs, "VIDEOSTREAMS", sideBySide(report.videoStreams(), quality.videoVerdicts()));
        addTab(tabs, "TRACEROUTES", rows(report.traceroutes()));
        addTab(tabs, "FEEDBACKREPORTS", sideBySide(report.feedback(), List.of()));
        add(parties, tabs);
    }

    private static void addTab(TabSheet tabs, String name, @Nullable Component content) {
        Component shown = content;
        if (shown == null) {
            var none = new Paragraph(NO_DATA);
            none.addClassName("no-data");
            shown = none;
        }
        var tab = tabs.add(name, shown);
        tab.setId("tab-" + name);
    }

    /**
     * Metrics as rows and one column per record, labelled by its side (and media type for media lines), so the
     * From and To sides read next to each other. Null when there are no records.
     */
    private static <R extends Record> @Nullable Component sideBySide(List<R> records, List<StreamVerdict> verdicts) {
        if (records.isEmpty()) {
            return null;
        }
        List<RecordComponent> metrics = Arrays.stream(records.get(0).getClass().getRecordComponents())
                .filter(c -> c.getType() != Side.class && !c.getName().equals("mediaType"))
                .toList();
        Element table = new Element("table");
        table.setAttribute("class", "quality-table");
        Element head = new Element("tr");
        head.appendChild(cell("th", "Metric"));
        for (R record : records) {
            head.appendChild(cell("th", columnTitle(record)));
        }
        table.appendChild(head);
        if (!verdicts.isEmpty()) {
            Element row = new Element("tr");
            row.appendChild(cell("th", "Verdict"));
            for (StreamVerdict verdict : verdicts) {
                Element td = cell(
                        "td",
                        verdict.verdict().label()
                                + (verdict.reasons().isEmpty() ? "" : ": " + String.join("; ", verdict.reasons())));
                td.setAttribute(
                        "class", "verdict verdict-" + verdict.verdict().name().toLowerCase(java.util.Locale.ROOT));
                if (verdict.verdict() == Verdict.POOR) {
                    poorStyle(td);
                }
                row.appendChild(td);
            }
            table.appendChild(row);
        }
        for (RecordComponent metric : metrics) {
            Element row = new Element("tr");
            row.appendChild(cell("th", MetricFormat.label(metric.getName())));
            for (int i = 0; i < records.size(); i++) {
                Element td = cell("td", MetricFormat.value(metric.getName(), read(metric, records.get(i))));
                StreamVerdict verdict = i < verdicts.size() ? verdicts.get(i) : null;
                if (verdict != null && verdict.poorMetrics().contains(metric.getName())) {
                    td.setAttribute("class", "poor-metric");
                    td.setAttribute("title", "Poor: " + String.join("; ", verdict.reasons()));
                    poorStyle(td);
                }
                row.appendChild(td);
            }
            table.appendChild(row);
        }
        return wrap(table);
    }

    /** One row per record (traceroute hops), its side first. Null when there are no records. */
    private static <R extends Record> @Nullable Component rows(List<R> records) {
        if (records.isEmpty()) {
            return null;
        }
        RecordComponent[] components = records.get(0).getClass().getRecordComponents();
        Element table = new Element("table");
        table.setAttribute("class", "quality-table");
        Element head = new Element("tr");
        for (RecordComponent component : components) {
            head.appendChild(cell("th", MetricFormat.label(component.getName())));
        }
        table.appendChild(head);
        for (R record : records) {
            Element row = new Element("tr");
            for (RecordComponent component : components) {
                row.appendChild(cell("td", MetricFormat.value(component.getName(), read(component, record))));
            }
            table.appendChild(row);
        }
        return wrap(table);
    }

    private static Component wrap(Element table) {
        var holder = new Div();
        holder.getElement().appendChild(table);
        holder.getStyle().set("overflow-x", "auto");
        return holder;
    }

    private static String columnTitle(Record record) {
        List<String> parts = new ArrayList<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getType() == Side.class || component.getName().equals("mediaType")) {
                parts.add(MetricFormat.value(component.getName(), read(component, record)));
            }
        }
        return String.join(" · ", parts);
    }

    private static @Nullable Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName(), e);
        }
    }

    private static Element cell(String tag, String text) {
        Element cell = new Element(tag);
        cell.setText(text);
        cell.getStyle().set("text-align", "left").set("padding", "2px 12px 2px 4px");
        return cell;
    }

    private static void poorStyle(Element td) {
        td.getStyle()
                .set("background", "var(--lumo-error-color-10pct)")
                .set("color", "var(--lumo-error-text-color)")
                .set("font-weight", "600");
    }
}
