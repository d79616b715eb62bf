package org.commsportal.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.Deflater;
import org.dhatim.fastexcel.Range;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jspecify.annotations.Nullable;

/**
 * One worksheet, streamed with fastexcel to a temporary file: rows leave memory every {@value #ROWS_PER_FLUSH} rows.
 * The header row is frozen and carries an autofilter over every row written; column widths fit the header and the
 * first {@value #ROWS_PER_FLUSH} rows, which are held back until then. A sheet named {@value #INFO_SHEET} follows with
 * what the export holds (docs/exports.md).
 *
 * <p>The file goes to the caller's stream when it is closed, each sheet with its real {@code dimension}: a sheet
 * states its used range before its first row, so no writer that sends rows as they come can know it (fastexcel
 * writes {@code A1}). The temporary file holds the compressed workbook and is deleted on close.
 */
final class XlsxTableWriter<R> implements TableWriter<R> {

    /** The sheet's row limit, less the header row. */
    static final int MAX_DATA_ROWS = Worksheet.MAX_ROWS - 1;

    private static final int ROWS_PER_FLUSH = 1_000;
    private static final String DATE_FORMAT = "yyyy-mm-dd";
    private static final int MAX_SHARED_TEXTS = 10_000;
    private static final int MAX_SHARED_LENGTH = 256;
    private static final int MAX_SEEN_ONCE = 20_000;
    private static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
    static final String INFO_SHEET = "Report information";
    /** Where fastexcel puts the n-th worksheet (from 1) in the zip. */
    private static final String SHEET_FILE = "xl/worksheets/sheet%d.xml";

    private static final double MIN_WIDTH = 8;
    private static final double MAX_WIDTH = 80;

    private final OutputStream out;
    private final Path spool;
    private final OutputStream spoolOut;
    private final Workbook workbook;
    private final Worksheet sheet;
    private final List<ExportColumn<R>> columns;
    private final ZoneId zone;
    /**
     * Per column, the number format of the run of cells that ends at the last row written (null: none) and the
     * run's first row. A run gets its format in one step when it ends, at the latest before each flush: styling
     * cell by cell merged and looked up the style again for every date cell, a quarter of the sheet's time.
     */
    private final @Nullable String[] runFormats;

    private final int[] runStarts;
    private final Set<String> sharedTexts = new HashSet<>();
    private final Set<String> seenOnce = new HashSet<>();
    private final ExportInfo info;
    /** Per column, the widest text seen until the widths were set at the first flush; null after it. */
    private double @Nullable [] widths;

    private long rowsWritten;
    private boolean closed;

    XlsxTableWriter(OutputStream out, String sheetName, List<ExportColumn<R>> columns, ZoneId zone, ExportInfo info)
            throws IOException {
        this.out = out;
        this.spool = Files.createTempFile("portal-export-", ".xlsx");
        try {
            this.spoolOut = new BufferedOutputStream(Files.newOutputStream(spool), 64 * 1024);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        // fastexcel requires an application version of the form XX.YYYY; it only ends up in the file's properties.
        this.workbook = new Workbook(spoolOut, "Comms Usage Portal", "1.0");
        // Fastest deflate: at fastexcel's default level compressing took as long as writing the sheet's XML, for
        // a file only a tenth smaller
        workbook.setCompressionLevel(Deflater.BEST_SPEED);
        this.sheet = workbook.newWorksheet(sheetName);
        this.columns = columns;
        this.zone = zone;
        this.info = info;
        this.runFormats = new String[columns.size()];
        this.runStarts = new int[columns.size()];
        this.widths = new double[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            sheet.value(0, c, columns.get(c).header());
            sheet.style(0, c).bold().set();
            widths[c] = columns.get(c).header().length() * 1.1; // bold
        }
        sheet.freezePane(0, 1);
    }

    @Override
    public void write(R row) throws IOException {
        if (closed) {
            throw new IllegalStateException("The export is closed");
        }
        if (rowsWritten == MAX_DATA_ROWS) {
            throw new IllegalStateException("An XLSX sheet holds at most " + MAX_DATA_ROWS + " data rows");
        }
        int r = (int) rowsWritten + 1;
        for (int c = 0; c < columns.size(); c++) {
            ExportColumn<R> column = columns.get(c);
            writeCell(r, c, column, column.value().apply(row));
        }
        rowsWritten++;
        if (rowsWritten % ROWS_PER_FLUSH == 0) {
            endFormatRuns(r);
            fitWidths();
            sheet.flush();
        }
    }

    /** Column widths go out with the first rows, so they fit what was seen until then. */
    private void fitWidths() {
        double[] seen = widths;
        if (seen == null) {
            return;
        }
        for (int c = 0; c < seen.length; c++) {
            sheet.width(c, Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, seen[c] + 2)));
        }
        widths = null;
    }

    private void measure(int c, int characters) {
        double[] seen = widths;
        if (seen != null && characters > seen[c]) {
            seen[c] = characters;
        }
    }

    private void writeCell(int r, int c, ExportColumn<R> column, @Nullable Object value) {
        format(r, c, value instanceof LocalDate ? DATE_FORMAT : value instanceof Instant ? DATE_TIME_FORMAT : null);
        if (value == null) {
            return;
        } else if (value instanceof String text) {
            // A text cell of a workbook is never run as a formula: the text goes in as it is (docs/exports.md)
            writeText(r, c, text);
            measure(c, text.length());
        } else if (value instanceof Number number) {
            if (CellText.isFinite(number)) { // NaN or infinity in a cell makes Excel refuse the file
                sheet.value(r, c, number);
                measure(c, CellText.plainNumber(number).length());
            }
        } else if (value instanceof Boolean bool) {
            writeText(r, c, CellText.yesNo(bool));
            measure(c, 3);
        } else if (value instanceof LocalDate date) {
            sheet.value(r, c, date);
            measure(c, DATE_FORMAT.length());
        } else if (value instanceof Instant instant) {
            measure(c, DATE_TIME_FORMAT.length());
            // Whole seconds, as in CSV: Excel rounds a fraction in the display, showing 00:30:59.7 as 00:31:00.
            sheet.value(r, c, LocalDateTime.ofInstant(instant, zone).truncatedTo(ChronoUnit.SECONDS));
        } else {
            throw TableExports.unsupportedCell(column, value);
        }
    }

    /**
     * A text that repeats (a client version, a media description, a frequent peer) goes to the shared-string
     * table from its second sighting on, where it is escaped and written once: writing the same texts inline again
     * and again was most of the sheet's time. Others stay inline, as the table stays in memory until the end:
     * it holds at most {@value #MAX_SHARED_TEXTS} texts of at most {@value #MAX_SHARED_LENGTH} characters, and
     * the texts seen once are forgotten every {@value #MAX_SEEN_ONCE} (a unique dialog id is never shared).
     */
    private void writeText(int r, int c, String text) {
        boolean shared = sharedTexts.contains(text);
        if (!shared && seenOnce.remove(text) && sharedTexts.size() < MAX_SHARED_TEXTS) {
            shared = sharedTexts.add(text);
        }
        if (shared) {
            sheet.value(r, c, text);
            return;
        }
        if (text.length() <= MAX_SHARED_LENGTH) {
            if (seenOnce.size() == MAX_SEEN_ONCE) {
                seenOnce.clear();
            }
            seenOnce.add(text);
        }
        sheet.inlineString(r, c, text);
    }

    /** The cell at row r of column c takes the number format (or none): a different one ends the column's run. */
    private void format(int r, int c, @Nullable String format) {
        if (!java.util.Objects.equals(format, runFormats[c])) {
            endFormatRun(c, r - 1);
            runFormats[c] = format;
            runStarts[c] = r;
        }
    }

    private void endFormatRuns(int lastRow) {
        for (int c = 0; c < runFormats.length; c++) {
            endFormatRun(c, lastRow);
        }
    }

    private void endFormatRun(int c, int lastRow) {
        String format = runFormats[c];
        if (format != null && lastRow >= runStarts[c]) {
            sheet.range(runStarts[c], c, lastRow, c).style().format(format).set();
        }
        runFormats[c] = null;
    }

    @Override
    public long rowsWritten() {
        return rowsWritten;
    }

    Path spoolFile() {
        return spool;
    }

    /** Bytes of the workbook written to the temporary file so far, before {@link #close()} copies it out. */
    long spooledBytes() throws IOException {
        spoolOut.flush();
        return Files.size(spool);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                endFormatRuns((int) rowsWritten);
                fitWidths();
                Range used = sheet.range(0, 0, (int) rowsWritten, columns.size() - 1);
                sheet.setAutoFilter(0, 0, (int) rowsWritten, columns.size() - 1);
                sheet.finish();
                Map<String, String> dimensions = new HashMap<>();
                dimensions.put(SHEET_FILE.formatted(1), used.toString());
                writeInfo().ifPresent(infoRange -> dimensions.put(SHEET_FILE.formatted(2), infoRange));
                workbook.finish();
                spoolOut.close();
                SheetDimensions.copy(spool, out, dimensions, Deflater.BEST_SPEED);
                out.flush();
            } finally {
                try {
                    spoolOut.close();
                } finally {
                    Files.deleteIfExists(spool);
                }
            }
        }
    }

    /** The export's own description, one label and value per row, on a sheet after the data; its used range. */
    private Optional<String> writeInfo() throws IOException {
        if (info.lines().isEmpty()) {
            return Optional.empty();
        }
        Worksheet about = workbook.newWorksheet(INFO_SHEET);
        int labelWidth = 10;
        int valueWidth = 10;
        for (int r = 0; r < info.lines().size(); r++) {
            ExportInfo.Line line = info.lines().get(r);
            about.value(r, 0, line.label());
            about.style(r, 0).bold().set();
            Object value = line.value();
            if (value instanceof Number number) {
                about.value(r, 1, number);
            } else if (value instanceof LocalDate date) {
                about.value(r, 1, date);
                about.style(r, 1).format(DATE_FORMAT).set();
            } else if (value instanceof Instant instant) {
                about.value(r, 1, LocalDateTime.ofInstant(instant, zone).truncatedTo(ChronoUnit.SECONDS));
                about.style(r, 1).format(DATE_TIME_FORMAT).set();
            } else {
                about.value(r, 1, String.valueOf(value));
            }
            labelWidth = Math.max(labelWidth, line.label().length() + 2);
            valueWidth = Math.max(valueWidth, String.valueOf(value).length() + 2);
        }
        about.width(0, Math.min(MAX_WIDTH, labelWidth));
        about.width(1, Math.min(MAX_WIDTH, valueWidth));
        about.finish();
        return Optional.of(about.range(0, 0, info.lines().size() - 1, 1).toString());
    }
}
