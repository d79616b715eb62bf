package org.commsportal.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.List;

/** Opens streaming table exports; see {@link ExportColumn} for the cell values they take. */
public final class TableExports {

    private TableExports() {
    }

    /**
     * Opens a writer and writes the header row at once.
     *
     * <p>Text cells that a spreadsheet would run as a formula get a leading quote (see {@link CellText#neutralised});
     * header texts are the caller's own and are written as given. Instants are written in {@code zone}, to the
     * second, so the headers of such columns should name the zone.
     *
     * @param sheetName the worksheet's name, for XLSX only; characters Excel forbids become {@code -} and it is cut
     *     to Excel's 31 characters
     * @throws IllegalArgumentException if there are no columns
     */
    public static <R> TableWriter<R> open(ExportFormat format, OutputStream out, String sheetName,
            List<ExportColumn<R>> columns, ZoneId zone) throws IOException {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("An export needs at least one column");
        }
        List<ExportColumn<R>> fixedColumns = List.copyOf(columns);
        return switch (format) {
            case CSV -> new CsvTableWriter<>(out, fixedColumns, zone);
            case XLSX -> new XlsxTableWriter<>(out, sheetName, fixedColumns, zone);
        };
    }

    static IllegalArgumentException unsupportedCell(ExportColumn<?> column, Object value) {
        return new IllegalArgumentException("Column \"" + column.header() + "\" gave a " + value.getClass().getName()
                + "; exports take String, Number, Boolean, LocalDate, Instant or null");
    }
}
