package org.commsportal.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** RFC 4180 CSV in UTF-8. */
final class CsvTableWriter<R> implements TableWriter<R> {

    /** Without it Excel reads the file in the system's legacy code page and garbles non-ASCII names. */
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private static final String RECORD_END = "\r\n";

    private final Writer out;
    private final List<ExportColumn<R>> columns;
    private final DateTimeFormatter instants;
    private long rowsWritten;
    private boolean closed;

    CsvTableWriter(OutputStream out, List<ExportColumn<R>> columns, ZoneId zone) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        this.columns = columns;
        this.instants = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(zone);
        this.out.write(BYTE_ORDER_MARK);
        for (int c = 0; c < columns.size(); c++) {
            writeField(c, columns.get(c).header());
        }
        this.out.write(RECORD_END);
    }

    @Override
    public void write(R row) throws IOException {
        if (closed) {
            throw new IllegalStateException("The export is closed");
        }
        for (int c = 0; c < columns.size(); c++) {
            ExportColumn<R> column = columns.get(c);
            writeField(c, text(column, column.value().apply(row)));
        }
        out.write(RECORD_END);
        rowsWritten++;
    }

    private String text(ExportColumn<R> column, @Nullable Object value) {
        if (value == null) {
            return "";
        } else if (value instanceof String text) {
            return CellText.neutralised(text);
        } else if (value instanceof Number number) {
            return CellText.isFinite(number) ? CellText.plainNumber(number) : "";
        } else if (value instanceof Boolean bool) {
            return CellText.yesNo(bool);
        } else if (value instanceof LocalDate date) {
            return date.toString();
        } else if (value instanceof Instant instant) {
            return instants.format(instant);
        }
        throw TableExports.unsupportedCell(column, value);
    }

    private void writeField(int columnIndex, String text) throws IOException {
        if (columnIndex > 0) {
            out.write(',');
        }
        if (needsQuotes(text)) {
            out.write('"');
            out.write(text.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(text);
        }
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == ',' || ch == '"' || ch == '\r' || ch == '\n') {
                return true;
            }
        }
        return false;
    }

    @Override
    public long rowsWritten() {
        return rowsWritten;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.flush(); // not close(): that would close the caller's stream
        }
    }
}
