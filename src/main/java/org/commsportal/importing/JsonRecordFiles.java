package org.commsportal.importing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads JSON records from a file or from every {@code .json}/{@code .ndjson}/{@code .jsonl} file of a directory (in
 * name order): one record per file, a JSON array of records, NDJSON (one per line), or a page of a Graph list
 * response ({@code {"value":[...]}}). One record at a time is in memory.
 */
final class JsonRecordFiles {

    /** Receives each record with where it starts. */
    interface Handler {
        void record(JsonNode record, SourceLocation where);
    }

    /** A call record longer than this is refused (a large conference's record is a few hundred kilobytes). */
    static final long MAX_RECORD_BYTES = 16L << 20;

    /** A single string value longer than this ends the file's reading: no field of a call record is that long. */
    static final int MAX_STRING_CHARS = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_CHARS)
                    .build())
            .build());

    private JsonRecordFiles() {}

    static List<Path> files(Path fileOrDirectory) throws IOException {
        if (!Files.isDirectory(fileOrDirectory)) {
            return List.of(fileOrDirectory);
        }
        try (Stream<Path> listing = Files.list(fileOrDirectory)) {
            return listing.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().matches("(?i).*\\.(json|ndjson|jsonl)"))
                    .sorted()
                    .toList();
        }
    }

    /** Reads every record of the file; a file that is not JSON adds a problem and ends its reading. */
    static void read(Path file, Handler handler, ImportProblems problems) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
            try {
                readRecords(file, parser, handler, problems);
            } catch (JsonProcessingException e) {
                // a limit of the parser's (a string too long) has no location of its own: where the parser stopped
                JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                problems.add(new ImportProblem(
                        location(file, at),
                        "",
                        "",
                        "not valid JSON: " + e.getOriginalMessage().split("\n")[0]
                                + "; the rest of the file is not read"));
            }
        } catch (JsonProcessingException e) { // the start of the file is not JSON text (its encoding, say)
            JsonLocation at = e.getLocation();
            problems.add(new ImportProblem(
                    at == null ? new SourceLocation(file, 1, 1) : location(file, at),
                    "",
                    "",
                    "not valid JSON: " + e.getOriginalMessage().split("\n")[0] + "; the rest of the file is not read"));
        }
    }

    private static void readRecords(Path file, JsonParser parser, Handler handler, ImportProblems problems)
            throws IOException {
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            SourceLocation where = location(file, parser.currentTokenLocation());
            if (token == JsonToken.START_ARRAY) {
                for (JsonToken element = parser.nextToken();
                        element != JsonToken.END_ARRAY;
                        element = parser.nextToken()) {
                    if (element == null) {
                        throw new JsonProcessingException("the array is not closed", parser.currentLocation()) {};
                    }
                    SourceLocation at = location(file, parser.currentTokenLocation());
                    long start = offset(parser.currentTokenLocation());
                    JsonNode record = JSON.readTree(parser);
                    if (fits(start, parser, at, problems)) {
                        handler.record(record, at);
                    }
                }
            } else {
                long start = offset(parser.currentTokenLocation());
                JsonNode node = JSON.readTree(parser);
                if (!fits(start, parser, where, problems)) {
                    continue;
                }
                JsonNode page = node.get("value");
                if (node.isObject() && page != null && page.isArray() && !node.has("id")) {
                    page.forEach(record -> handler.record(record, where)); // a saved page of a list response
                } else {
                    handler.record(node, where);
                }
            }
        }
    }

    private static boolean fits(long start, JsonParser parser, SourceLocation at, ImportProblems problems) {
        long length = offset(parser.currentLocation()) - start;
        if (length <= MAX_RECORD_BYTES) {
            return true;
        }
        problems.add(new ImportProblem(
                at, "", "", "the record is " + length + " bytes long, more than the " + MAX_RECORD_BYTES + " allowed"));
        return false;
    }

    private static long offset(JsonLocation at) {
        return at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
    }

    private static SourceLocation location(Path file, JsonLocation at) {
        return new SourceLocation(file, at.getLineNr(), at.getColumnNr());
    }
}
