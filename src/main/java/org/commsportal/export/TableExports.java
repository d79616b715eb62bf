package org.commsportal.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** Opens streaming table exports; see {@link ExportColumn} for the cell values they take. */
public final class TableExports {

    static final int PROGRESS_EVERY_ROWS = 1_000;

    private TableExports() {}

    /**
     * Opens a writer and writes the header row at once.
     *
     * <p>CSV text cells that a spreadsheet would run as a formula get a leading quote, telephone numbers aside (see
     * {@link CellText#neutralised}); XLSX text cells are text cells and hold the text as it is. Header texts are the
     * caller's own and are written as given. Instants are written in {@code zone}, to the
     * second, so the headers of such columns should name the zone.
     *
     * @param sheetName the worksheet's name, for XLSX only; characters Excel forbids become {@code -} and it is cut
     *     to Excel's 31 characters
     * @throws IllegalArgumentException if there are no columns
     */
    public static <R> TableWriter<R> open(
            ExportFormat format, OutputStream out, String sheetName, List<ExportColumn<R>> columns, ZoneId zone)
            throws IOException {
        return open(format, out, sheetName, columns, zone, ExportInfo.NONE);
    }

    /** The same, describing the export: an .xlsx file shows the description on a sheet after the data. */
    public static <R> TableWriter<R> open(
            ExportFormat format,
            OutputStream out,
            String sheetName,
            List<ExportColumn<R>> columns,
            ZoneId zone,
            ExportInfo info)
            throws IOException {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("An export needs at least one column");
        }
        List<ExportColumn<R>> fixedColumns = List.copyOf(columns);
        return switch (format) {
            case CSV -> new CsvTableWriter<>(out, fixedColumns, zone);
            case XLSX -> new XlsxTableWriter<>(out, sheetName, fixedColumns, zone, info);
        };
    }

    /** How an export ended, for the caller's audit trail. */
    public interface Outcome {
        void succeeded(long rows);

        void failed(long rowsWritten);
    }

    /**
     * Opens a writer, writes every row the source hands over as it arrives, reports the rows written every
     * {@value #PROGRESS_EVERY_ROWS} rows and at the end, finishes the file and tells the outcome either way.
     * Returns the number of rows.
     */
    public static <R> long stream(
            ExportFormat format,
            OutputStream out,
            String sheetName,
            List<ExportColumn<R>> columns,
            ZoneId zone,
            Consumer<Consumer<R>> source,
            LongConsumer progress,
            Outcome outcome)
            throws IOException {
        return stream(format, out, sheetName, columns, zone, ExportInfo.NONE, source, progress, outcome);
    }

    /** The same, describing the export (see {@link #open(ExportFormat, OutputStream, String, List, ZoneId, ExportInfo)}). */
    public static <R> long stream(
            ExportFormat format,
            OutputStream out,
            String sheetName,
            List<ExportColumn<R>> columns,
            ZoneId zone,
            ExportInfo info,
            Consumer<Consumer<R>> source,
            LongConsumer progress,
            Outcome outcome)
            throws IOException {
        long[] written = {0};
        try (TableWriter<R> writer = open(format, out, sheetName, columns, zone, info)) {
            source.accept(row -> {
                try {
                    writer.write(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                written[0] = writer.rowsWritten();
                if (written[0] % PROGRESS_EVERY_ROWS == 0) {
                    progress.accept(written[0]);
                }
            });
        } catch (IOException | RuntimeException e) {
            outcome.failed(written[0]);
            throw e;
        }
        progress.accept(written[0]);
        outcome.succeeded(written[0]);
        return written[0];
    }

    static IllegalArgumentException unsupportedCell(ExportColumn<?> column, Object value) {
        return new IllegalArgumentException("Column \"" + column.header() + "\" gave a "
                + value.getClass().getName() + "; exports take String, Number, Boolean, LocalDate, Instant or null");
    }
}
