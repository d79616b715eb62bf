package org.commsportal.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What an exported file holds, for whoever reads it later: the report, its period or day, its filters and the time
 * zone of its times. An .xlsx file shows it on a sheet of its own; file names carry its main parts (docs/exports.md).
 */
public record ExportInfo(List<Line> lines) {

    public static final ExportInfo NONE = new ExportInfo(List.of());

    /** One label and its value; the value is a String, a Number, a LocalDate or an Instant, as cells take. */
    public record Line(String label, Object value) {}

    public ExportInfo {
        lines = List.copyOf(lines);
    }

    /** Label and value pairs; a pair whose value is null or empty is left out. */
    public static ExportInfo of(@Nullable Object... labelsAndValues) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i + 1 < labelsAndValues.length; i += 2) {
            Object value = labelsAndValues[i + 1];
            if (value != null && !(value instanceof String text && text.isEmpty())) {
                lines.add(new Line(String.valueOf(labelsAndValues[i]), value));
            }
        }
        return new ExportInfo(lines);
    }

    /**
     * A file name of the parts that are given, joined by underscores, each part reduced to letters, digits and
     * {@code . @ + -} so that every system accepts it, and cut to 60 characters.
     */
    public static String fileName(ExportFormat format, @Nullable String... parts) {
        List<String> kept = new ArrayList<>();
        for (String part : parts) {
            if (part == null || part.isBlank()) {
                continue;
            }
            String safe = part.strip()
                    .replaceAll("[^A-Za-z0-9.@+\\-]+", "-")
                    .replaceAll("-{2,}", "-")
                    .replaceAll("^-|-$", "");
            if (!safe.isEmpty()) {
                kept.add(safe.length() > 60 ? safe.substring(0, 60) : safe);
            }
        }
        return String.join("_", kept) + "." + format.fileExtension().toLowerCase(Locale.ROOT);
    }
}
