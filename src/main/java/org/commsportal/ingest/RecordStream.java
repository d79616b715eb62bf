package org.commsportal.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads ingested records one at a time from a JSON array or from NDJSON (one record per line, blank lines
 * skipped), never holding more than one record: the HTTP endpoints and the command-line import share it.
 */
final class RecordStream {

    /** Takes one record, adding any problem of it to the list. */
    @FunctionalInterface
    interface Handler {
        void accept(long index, JsonNode record, List<IngestProblem> problems);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordStream() {
    }

    /**
     * Hands every record over and returns how many there were. A line of NDJSON that is not JSON is a problem of
     * that record; a JSON array that is not well-formed throws, since nothing after the error can be read.
     */
    static long read(InputStream body, boolean ndjson, Handler handler, List<IngestProblem> problems)
            throws IOException {
        return ndjson ? readLines(body, handler, problems) : readArray(body, handler, problems);
    }

    private static long readArray(InputStream body, Handler handler, List<IngestProblem> problems) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new JsonParseException(parser,
                        "expected a JSON array of records; send one record per line as NDJSON instead");
            }
            long index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                handler.accept(index++, JSON.readTree(parser), problems);
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "content after the array's end");
            }
            return index;
        }
    }

    private static long readLines(InputStream body, Handler handler, List<IngestProblem> problems) throws IOException {
        var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        long index = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (!line.isBlank()) {
                long recordIndex = index++;
                try {
                    handler.accept(recordIndex, JSON.readTree(line), problems);
                } catch (JsonProcessingException e) {
                    problems.add(new IngestProblem(recordIndex, "", "not valid JSON: " + e.getOriginalMessage()));
                }
            }
        }
        return index;
    }
}
