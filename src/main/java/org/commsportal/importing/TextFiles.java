package org.commsportal.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens exported text files: UTF-8, or UTF-16 when the file starts with its byte order mark (PowerShell's
 * {@code -Encoding Unicode}). Bytes that are not text in that encoding become {@link #NOT_TEXT}, which the reader
 * refuses with the line and column (a decoder's own error comes a buffer ahead, with no position).
 */
final class TextFiles {

    /** Put where the bytes are not text in the file's encoding; {@link CsvReader} stops there with line and column. */
    static final char NOT_TEXT = '\uFFFD';

    /** The first line is read at most this far to find the delimiter. */
    private static final int FIRST_LINE_CHARS = 1 << 16;

    private TextFiles() {}

    static BufferedReader open(Path file) throws IOException {
        PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file), 2);
        byte[] start = in.readNBytes(2);
        Charset charset = StandardCharsets.UTF_8;
        if (start.length == 2 && (start[0] & 0xFF) == 0xFF && (start[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
        } else if (start.length == 2 && (start[0] & 0xFF) == 0xFE && (start[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
        } else {
            in.unread(start);
        }
        return new BufferedReader(reader(in, charset), FIRST_LINE_CHARS * 2);
    }

    private static InputStreamReader reader(InputStream in, Charset charset) {
        return new InputStreamReader(
                in,
                charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)
                        .replaceWith(String.valueOf(NOT_TEXT)));
    }

    /** The start of the first line (at most {@value #FIRST_LINE_CHARS} characters); the reader is left unmoved. */
    static String firstLine(BufferedReader in) throws IOException {
        in.mark(FIRST_LINE_CHARS + 1);
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n' && c != '\r' && line.length() < FIRST_LINE_CHARS; c = in.read()) {
            line.append((char) c);
        }
        in.reset();
        return line.toString();
    }
}
