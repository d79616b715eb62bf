package org.commsportal.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commsportal.directory.DirectoryService;
import org.commsportal.ingest.IngestProblem;
import org.commsportal.ingest.IngestProblems;
import org.commsportal.ingest.IngestRecords;
import org.commsportal.ingest.Retrying;
import org.commsportal.sessions.BulkSessionWriter;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.sessions.SessionsBeforeKeptDaysException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code import teams-call-records <file-or-dir>}: a first pass maps and checks every call record of every file and
 * imports nothing if any has a problem (each listed with file, line and column); a second pass writes batches of
 * {@value #BATCH} records, each one transaction (docs/import-teams-call-records.md).
 */
@Component
class TeamsCallRecordImport {

    static final int BATCH = 100;

    /** Call records per transaction on the bulk path: more rows per statement, still a bounded heap. */
    static final int BULK_BATCH = 500;

    static final int SHOWN_PROBLEMS = 50;

    private final IngestRecords records;
    private final DirectoryService directory;
    private final SessionWriter sessions;
    private final CallRecordWriter writer;
    private final BulkSessionWriter bulkSessions;

    TeamsCallRecordImport(
            IngestRecords records,
            DirectoryService directory,
            SessionWriter sessions,
            CallRecordWriter writer,
            BulkSessionWriter bulkSessions) {
        this.records = records;
        this.directory = directory;
        this.sessions = sessions;
        this.writer = writer;
        this.bulkSessions = bulkSessions;
    }

    int run(Path source, PrintStream out) {
        return run(source, out, false);
    }

    /**
     * Runs the import for the signed-in tenant, with {@code bulk} on the bulk path (docs/ingest.md, "Bulk imports");
     * returns the exit status (0 done, 1 unreadable, 2 problems).
     */
    int run(Path source, PrintStream out, boolean bulk) {
        try {
            List<Path> files = JsonRecordFiles.files(source);
            if (files.isEmpty()) {
                out.println("No .json, .ndjson or .jsonl files in " + source + ".");
                return 1;
            }
            out.println("Checking " + files.size() + " file(s) ...");
            var problems = new ImportProblems();
            Map<String, Long> latest = new HashMap<>(); // the newest version of each record in the files
            long[] counts = new long[2]; // call records, sessions
            @Nullable LocalDate keptFrom = sessions.keptFrom();
            for (Path file : files) {
                JsonRecordFiles.read(
                        file,
                        (record, where) -> {
                            counts[0]++;
                            TeamsCallRecords.Mapped mapped = check(record, where, keptFrom, problems);
                            if (mapped != null) {
                                counts[1] += mapped.sessions().size();
                                latest.merge(mapped.recordId(), mapped.version(), Math::max);
                            }
                        },
                        problems);
            }
            if (!problems.isEmpty()) {
                problems.listed().stream().limit(SHOWN_PROBLEMS).forEach(p -> out.println("  " + p.describe()));
                if (problems.count() > SHOWN_PROBLEMS) {
                    out.println("  ... and " + (problems.count() - SHOWN_PROBLEMS) + " more");
                }
                out.println(problems.count() + " problem(s) in " + counts[0] + " call records; nothing was imported.");
                return 2;
            }
            out.println("Importing " + counts[0] + " call records with " + counts[1] + " sessions"
                    + (bulk ? " on the bulk path" : "") + " ...");
            if (bulk) {
                bulkSessions.start();
            }
            var progress = new ImportProgress(out, "call records", counts[0]);
            var totals = new long[4]; // records, sessions, replaced, skipped
            List<JsonNode> pending = new ArrayList<>();
            Set<String> pendingIds = new HashSet<>();
            for (Path file : files) {
                JsonRecordFiles.read(
                        file,
                        (record, where) -> {
                            String id = record.path("id").asText();
                            long version = record.path("version").asLong();
                            if (version < latest.getOrDefault(id, version)) {
                                totals[3]++; // a newer version of this record comes later in the files
                                progress.advance(1);
                                return;
                            }
                            if (!pendingIds.add(id)) { // the same version again: the later copy is written after
                                flush(pending, pendingIds, totals, progress, bulk);
                                pendingIds.add(id);
                            }
                            pending.add(record);
                            if (pending.size() == (bulk ? BULK_BATCH : BATCH)) {
                                flush(pending, pendingIds, totals, progress, bulk);
                            }
                        },
                        problems);
            }
            flush(pending, pendingIds, totals, progress, bulk);
            if (bulk) {
                BulkImports.finish(bulkSessions, out);
            }
            out.printf(
                    "Imported %d call records: %d sessions written (%d stored ones replaced or removed), %d older"
                            + " versions skipped, in %.1f s (%.0f call records/s).%n",
                    totals[0],
                    totals[1],
                    totals[2],
                    totals[3],
                    progress.seconds(),
                    progress.done() / Math.max(progress.seconds(), 0.001));
            return 0;
        } catch (IOException e) {
            out.println("Cannot read " + source + ": " + e.getMessage());
            return 1;
        }
    }

    /** Maps and validates one record as the HTTP API would; adds its problems with where they are. */
    private TeamsCallRecords.@Nullable Mapped check(
            JsonNode record, SourceLocation where, @Nullable LocalDate keptFrom, ImportProblems problems) {
        String context = record.path("id").isTextual()
                ? "callRecord " + record.path("id").asText()
                : "callRecord";
        TeamsCallRecords.Mapped mapped = TeamsCallRecords.map(
                record, Map.of(), (field, reason) -> problems.add(new ImportProblem(where, context, field, reason)));
        if (mapped == null) {
            return null;
        }
        boolean valid = true;
        for (ObjectNode node : mapped.sessions()) {
            String session =
                    context + " session " + node.path("dialogId").asText().replaceFirst("^teams:[^:]*:", "");
            IngestProblems found = new IngestProblems();
            SessionRecord checked = records.session(0, node, found);
            if (checked != null && keptFrom != null && checked.startsBefore(keptFrom)) {
                found.add(0, "startTime", SessionsBeforeKeptDaysException.reason(keptFrom));
            }
            for (IngestProblem problem : found.listed()) {
                problems.add(new ImportProblem(where, session, "portal " + problem.field(), problem.reason()));
                valid = false;
            }
        }
        return valid ? mapped : null;
    }

    private void flush(
            List<JsonNode> pending, Set<String> pendingIds, long[] totals, ImportProgress progress, boolean bulk) {
        if (pending.isEmpty()) {
            return;
        }
        Set<String> objectIds = new HashSet<>();
        pending.forEach(record -> objectIds.addAll(TeamsCallRecords.objectIds(record)));
        Map<String, String> upns = directory.upnsByObjectId(objectIds);
        List<CallRecordWriter.Ready> ready = new ArrayList<>();
        for (JsonNode record : pending) {
            TeamsCallRecords.Mapped mapped =
                    java.util.Objects.requireNonNull(TeamsCallRecords.map(record, upns, (field, reason) -> {
                        throw new IllegalStateException("checked record " + record.path("id") + " has a problem");
                    }));
            List<SessionRecord> written = new ArrayList<>();
            for (ObjectNode node : mapped.sessions()) {
                IngestProblems found = new IngestProblems();
                SessionRecord session = records.session(0, node, found);
                if (session == null) {
                    throw new IllegalStateException("checked session " + node.path("dialogId") + " is invalid");
                }
                written.add(session);
            }
            ready.add(new CallRecordWriter.Ready(mapped.recordId(), mapped.version(), written));
        }
        CallRecordWriter.Written done = Retrying.write(() -> writer.write(ready, bulk));
        totals[0] += done.records();
        totals[1] += done.sessions();
        totals[2] += done.replaced();
        totals[3] += done.skippedOlder();
        progress.advance(pending.size());
        pending.clear();
        pendingIds.clear();
    }
}
