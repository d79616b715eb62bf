package org.commsportal.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * Reads ingested records one at a time from a JSON array or from NDJSON (one record per line, blank lines
 * skipped), never holding more than one record, and no record larger than the record limit: the HTTP endpoints and
 * the command-line import share it. Text must be UTF-8; nesting, string and number lengths are limited
 * (docs/ingest.md, "Limits").
 */
final class RecordStream {

    /** Takes one record, adding any problem of it to the list. */
    @FunctionalInterface
    interface Handler {
        void accept(long index, JsonNode record, IngestProblems problems);
    }

    /** A JSON array body that cannot be read on: where it broke, by record and field. */
    static final class Malformed extends IOException {
        private final long index;
        private final String field;
        private final String reason;
        private final long line;
        private final long column;

        Malformed(long index, String field, String reason, long line, long column) {
            super("record " + index + ", " + field + ": " + reason);
            this.index = index;
            this.field = field;
            this.reason = reason;
            this.line = line;
            this.column = column;
        }

        long index() {
            return index;
        }

        String field() {
            return field;
        }

        String reason() {
            return reason;
        }

        long line() {
            return line;
        }

        long column() {
            return column;
        }
    }

    static final int MAX_NESTING = 64;
    static final int MAX_NUMBER_DIGITS = 100;
    /** A field path (of a too deeply nested value) is cut after this many characters. */
    private static final int MAX_FIELD_PATH = 200;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordStream() {}

    /**
     * Hands every record over and returns how many there were. A line of NDJSON that is not JSON, or too large, is a
     * problem of that record; a JSON array that is not well-formed throws {@link Malformed}, since nothing after the
     * error can be read. A record of the array over the limit is a problem of that record.
     */
    static long read(InputStream body, boolean ndjson, long maxRecordBytes, Handler handler, IngestProblems problems)
            throws IOException {
        JsonFactory json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxNumberLength(MAX_NUMBER_DIGITS)
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxRecordBytes))
                        .build())
                .build();
        return ndjson
                ? readLines(json, body, maxRecordBytes, handler, problems)
                : readArray(json, body, maxRecordBytes, handler, problems);
    }

    private static long readArray(
            JsonFactory json, InputStream body, long maxRecordBytes, Handler handler, IngestProblems problems)
            throws IOException {
        long index = 0;
        try (JsonParser parser = json.createParser(body)) {
            try {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw malformed(
                            parser,
                            index,
                            "expected a JSON array of records; send one record per line as " + "NDJSON instead");
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode record = readRecord(parser, maxRecordBytes);
                    if (record == null) {
                        problems.add(index, "", tooLarge(maxRecordBytes));
                    } else {
                        handler.accept(index, record, problems);
                    }
                    index++;
                }
                if (parser.nextToken() != null) {
                    throw malformed(parser, index, "content after the array's end");
                }
            } catch (Malformed e) {
                throw e;
            } catch (JsonProcessingException e) {
                throw malformed(parser, index, reason(e));
            }
            return index;
        }
    }

    private static Malformed malformed(JsonParser parser, long index, String reason) {
        JsonLocation at = parser.currentLocation();
        return new Malformed(index, field(parser.getParsingContext(), 1), reason, at.getLineNr(), at.getColumnNr());
    }

    private static long readLines(
            JsonFactory json, InputStream body, long maxRecordBytes, Handler handler, IngestProblems problems)
            throws IOException {
        var lines = new Lines(body, maxRecordBytes);
        long index = 0;
        for (Lines.Line line = lines.next(); line != null; line = lines.next()) {
            if (line.blank()) {
                continue;
            }
            long recordIndex = index++;
            if (line.tooLong()) {
                problems.add(recordIndex, "", tooLarge(maxRecordBytes));
                continue;
            }
            JsonNode record;
            try (JsonParser parser = json.createParser(line.bytes(), 0, line.length())) {
                try {
                    parser.nextToken();
                    record = readRecord(parser, maxRecordBytes);
                    if (record == null) {
                        problems.add(recordIndex, "", tooLarge(maxRecordBytes));
                        continue;
                    }
                    if (parser.nextToken() != null) {
                        problems.add(recordIndex, "", "not valid JSON: more than one value on the line");
                        continue;
                    }
                } catch (JsonProcessingException e) {
                    problems.add(recordIndex, field(parser.getParsingContext(), 0), "not valid JSON: " + reason(e));
                    continue;
                }
            }
            handler.accept(recordIndex, record, problems);
        }
        return index;
    }

    private static String tooLarge(long maxRecordBytes) {
        return "the record is larger than " + maxRecordBytes + " bytes";
    }

    private static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (e instanceof StreamConstraintsException && message != null) {
            // Jackson names its own setting; say what the limit is instead
            message = message.replaceAll(",? from `StreamReadConstraints\\.[a-zA-Z]+\\(\\)`", "");
        }
        return message == null ? e.getClass().getSimpleName() : message.split("\n")[0];
    }

    /**
     * The JSON path of the field being read, such as {@code quality.audioStreams[0].codec}; {@code skip} leaves out
     * that many outer levels (the body's array).
     */
    private static String field(JsonStreamContext context, int skip) {
        Deque<JsonStreamContext> levels = new ArrayDeque<>();
        for (JsonStreamContext level = context; level != null && !level.inRoot(); level = level.getParent()) {
            levels.push(level);
        }
        for (int i = 0; i < skip && !levels.isEmpty(); i++) {
            levels.pop();
        }
        var path = new StringBuilder();
        for (JsonStreamContext level : levels) {
            if (path.length() > MAX_FIELD_PATH) {
                return path.append("...").toString();
            }
            if (level.inArray()) {
                if (level != levels.peekFirst()) {
                    path.append('[')
                            .append(Math.max(0, level.getCurrentIndex()))
                            .append(']');
                }
            } else if (level.getCurrentName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(level.getCurrentName());
            }
        }
        return path.toString();
    }

    /**
     * The value at the parser's current token as a tree, or null (the rest of it skipped) once it has taken more than
     * the limit of bytes of input.
     */
    private static @Nullable JsonNode readRecord(JsonParser parser, long maxBytes) throws IOException {
        JsonToken first = parser.currentToken();
        if (first == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "no JSON value");
        }
        if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
            return scalar(parser);
        }
        long start = parser.currentTokenLocation().getByteOffset();
        ContainerNode<?> root = first == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
        Deque<ContainerNode<?>> open = new ArrayDeque<>();
        open.push(root);
        while (!open.isEmpty()) {
            JsonToken token = parser.nextToken();
            if (parser.currentLocation().getByteOffset() - start > maxBytes) {
                skipRest(parser, open.size());
                return null;
            }
            if (token == JsonToken.FIELD_NAME) {
                continue;
            }
            if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                open.pop();
                continue;
            }
            JsonNode value = switch (token) {
                case START_OBJECT -> NODES.objectNode();
                case START_ARRAY -> NODES.arrayNode();
                default -> scalar(parser);
            };
            ContainerNode<?> parent = open.peek();
            if (parent instanceof ObjectNode object) {
                object.set(parser.currentName(), value);
            } else {
                ((ArrayNode) parent).add(value);
            }
            if (value instanceof ContainerNode<?> container) {
                open.push(container);
            }
        }
        return root;
    }

    /** Reads on, without keeping anything, past the ends of the open containers. */
    private static void skipRest(JsonParser parser, int open) throws IOException {
        int depth = open;
        for (JsonToken token = parser.currentToken(); token != null; token = parser.nextToken()) {
            if (token.isStructStart()) {
                parser.skipChildren();
            } else if (token.isStructEnd() && --depth == 0) {
                return;
            }
        }
    }

    private static JsonNode scalar(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT ->
                NODES.numberNode(parser.getDoubleValue()); // infinite if out of range; checked later
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default ->
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected " + parser.currentToken());
        };
    }

    /** The lines of a body as bytes; a line over the limit is skipped to its end and marked too long. */
    private static final class Lines {

        record Line(byte[] bytes, int length, boolean tooLong) {
            boolean blank() {
                for (int i = 0; i < length; i++) {
                    byte b = bytes[i];
                    if (b != ' ' && b != '\t' && b != '\r') {
                        return false;
                    }
                }
                return !tooLong;
            }
        }

        private final InputStream in;
        private final long max;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int end;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(InputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        private boolean first = true;

        /** The next line, or null at the end of the body; a UTF-8 byte order mark opening the body is left out. */
        Line next() throws IOException {
            line.reset();
            if (first) {
                first = false;
                skipByteOrderMark();
            }
            boolean tooLong = false;
            boolean any = false;
            while (true) {
                if (position == end) {
                    end = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (end <= 0) {
                        end = 0;
                        return any ? new Line(line.toByteArray(), line.size(), tooLong) : null;
                    }
                }
                any = true;
                int from = position;
                while (position < end && buffer[position] != '\n') {
                    position++;
                }
                int length = position - from;
                if (!tooLong && line.size() + (long) length > max) {
                    tooLong = true;
                    line.reset();
                }
                if (!tooLong) {
                    line.write(buffer, from, length);
                }
                if (position < end) { // at the newline
                    position++;
                    return new Line(line.toByteArray(), line.size(), tooLong);
                }
            }
        }

        private void skipByteOrderMark() throws IOException {
            while (end < 3) {
                int n = in.read(buffer, end, buffer.length - end);
                if (n <= 0) {
                    break;
                }
                end += n;
            }
            if (end >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF) {
                position = 3;
            }
        }
    }
}
