package org.commsportal.rws;

import java.time.LocalDateTime;
import java.util.Map;

/** One period of any report: its index, its end, and the values of the report's own figures. */
record ReportRow(long id, LocalDateTime date, Map<ReportField, Long> figures) {

    ReportRow {
        figures = Map.copyOf(figures);
    }

    long figure(ReportField field) {
        Long value = figures.get(field);
        if (value == null) {
            throw new IllegalArgumentException("The row has no " + field.propertyName());
        }
        return value;
    }
}
