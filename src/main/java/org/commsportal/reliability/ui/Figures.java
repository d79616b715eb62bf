package org.commsportal.reliability.ui;

import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Small formatting helpers of the reliability and feedback pages. */
final class Figures {

    private Figures() {}

    static String percent(@Nullable Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.2f %%", value);
    }

    static String average(@Nullable Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }

    static String passFail(boolean passes) {
        return passes ? "Pass" : "Fail";
    }

    /** The notice while the figures are still being built from the sessions stored before an upgrade. */
    static Span stillBuilding() {
        var notice = new Span("Still being built from the sessions stored before this version: until this notice goes"
                + " (reload to check), the figures count only part of them.");
        notice.setId("still-building");
        notice.getElement().getThemeList().add("badge contrast");
        notice.getStyle().set("white-space", "normal");
        return notice;
    }

    static Paragraph note(String text) {
        var note = new Paragraph(text);
        note.addClassName("note");
        note.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        return note;
    }

    /** A sparkline of counts per day: a polyline scaled to the largest count, its points' values in the title. */
    static Svg sparkline(List<Long> counts) {
        int width = 120;
        int height = 24;
        long max = Math.max(1, counts.stream().mapToLong(Long::longValue).max().orElse(1));
        var points = new StringBuilder();
        for (int i = 0; i < counts.size(); i++) {
            double x = counts.size() == 1 ? width / 2.0 : (double) i * width / (counts.size() - 1);
            double y = height - 2 - (double) counts.get(i) * (height - 4) / max;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        var svg = new Svg("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" role=\"img\"><title>Sessions per day: " + counts + "</title><polyline fill=\"none\""
                + " stroke=\"currentColor\" stroke-width=\"1.5\" points=\""
                + points.toString().trim()
                + "\"/></svg>");
        svg.addClassName("sparkline");
        return svg;
    }
}
