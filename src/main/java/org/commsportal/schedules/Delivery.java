package org.commsportal.schedules;

import org.commsportal.export.ExportFormat;
import org.jspecify.annotations.Nullable;

/** What a scheduled report's message carries: the per-user table as an attachment, or a link to the report. */
public enum Delivery {
    CSV("CSV attachment", ExportFormat.CSV),
    XLSX("Excel (.xlsx) attachment", ExportFormat.XLSX),
    LINK("Link to the report", null);

    private final String label;
    private final @Nullable ExportFormat format;

    Delivery(String label, @Nullable ExportFormat format) {
        this.label = label;
        this.format = format;
    }

    public String label() {
        return label;
    }

    /** The attachment's format; null for a link. */
    public @Nullable ExportFormat format() {
        return format;
    }
}
