package org.commsportal.importing;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads delimited text as admin tools export it (RFC 4180: quoted fields with doubled quotes, line breaks inside
 * quotes, CRLF or LF, a leading byte order mark), one record at a time, with the line each record starts on.
 */
final class CsvReader {

    /** Text that is no delimited file: an unclosed quote, a line too long, bytes that are not text. */
    static final class Malformed extends IOException {
        final long line;
        final long column;

        Malformed(long line) {
            this(line, 1, "a quoted field opened on line " + line + " is never closed");
        }

        Malformed(long line, long column, String message) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    /** A record longer than this is refused rather than held in memory (a file with no line breaks, say). */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private final Reader in;
    private final char delimiter;
    private long line = 1;
    private long recordLine;
    private int peeked = -2;
    private long textLine;
    private long textColumn;
    private boolean atLineStart = true;

    CsvReader(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** The delimiter a header line uses: the most frequent of comma, semicolon and tab outside quotes. */
    static char delimiterOf(String headerLine) {
        char best = ',';
        long bestCount = -1;
        for (char candidate : new char[] {',', ';', '\t'}) {
            long count = headerLine.chars().filter(c -> c == candidate).count();
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    /** The line the last record returned started on (from 1). */
    long recordLine() {
        return recordLine;
    }

    /** The next record's fields, or null at the end; blank lines are skipped. */
    @Nullable
    List<String> next() throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        recordLine = line;
        long chars = 0;
        while (true) {
            int c = read();
            if (++chars > MAX_RECORD_CHARS) {
                throw new Malformed(
                        recordLine,
                        1,
                        "the record on line " + recordLine + " is longer than " + MAX_RECORD_CHARS + " characters");
            }
            if (c == 0xFEFF && !any && field.isEmpty() && fields.isEmpty()) {
                continue;
            }
            if (quoted) {
                if (c < 0) {
                    throw new Malformed(recordLine);
                }
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
                continue;
            }
            if (c < 0 || c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                if (c >= 0) {
                    line++;
                }
                if (!any && field.isEmpty() && fields.isEmpty()) {
                    if (c < 0) {
                        return null;
                    }
                    recordLine = line;
                    continue; // a blank line
                }
                fields.add(field.toString());
                return fields;
            }
            any = true;
            if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else {
                field.append((char) c);
            }
        }
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return readChecked();
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = readChecked();
        }
        return peeked;
    }

    /**
     * The next character; the replacement character, which {@link TextFiles} puts where the bytes are not text in
     * the file's encoding, ends the reading with the line and column where it stands.
     */
    private int readChecked() throws IOException {
        int c = in.read();
        if (atLineStart) {
            textLine++;
            textColumn = 0;
        }
        textColumn++;
        atLineStart = c == '\n';
        if (c == TextFiles.NOT_TEXT) {
            throw new Malformed(
                    textLine,
                    textColumn,
                    "line " + textLine + ", column " + textColumn + " is not UTF-8 text; save the file as UTF-8 (or"
                            + " UTF-16 with a byte order mark)");
        }
        return c;
    }
}
