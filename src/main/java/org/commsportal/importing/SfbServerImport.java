package org.commsportal.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
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
 * {@code import sfb-server <dir>}: the delimited files the queries of docs/import-sfb-server.md export from a
 * Skype for Business Server monitoring database (LcsCDR): peer-to-peer dialogs ({@code sessions}), conference
 * dialogs ({@code conference-sessions}) and their media ({@code media}), with their quality records
 * ({@link SfbQualityFiles}). Each dialog becomes a session in the portal's ingestion format, checked by the HTTP
 * API's validation; nothing is written if any row has a problem. The files are never held in memory: their rows go to
 * sorts on disk ({@link ExternalSort}) and are read back one dialog at a time (docs/import-sfb-server.md, "Memory and
 * order").
 */
@Component
class SfbServerImport {

    static final int BATCH = 1_000;

    /** The files, by base name, and the columns each must have (the queries' column names). */
    static final Map<String, List<String>> FILES = files();

    private static Map<String, List<String>> files() {
        Map<String, List<String>> files = new LinkedHashMap<>();
        files.put("media", List.of("SessionIdTime", "SessionIdSeq", "MediaId", "StartTime", "EndTime"));
        files.put("sessions", List.of("SessionIdTime", "SessionIdSeq", "InviteTime", "EndTime", "FromUri", "ToUri"));
        files.put(
                "conference-sessions",
                List.of(
                        "SessionIdTime",
                        "SessionIdSeq",
                        "InviteTime",
                        "EndTime",
                        "UserUri",
                        "ConferenceUri",
                        "ConfInstance"));
        return java.util.Collections.unmodifiableMap(files);
    }

    /** SQL Server's datetime as sqlcmd, bcp and Invoke-Sqlcmd write it, in UTC as the monitoring database keeps it. */
    private static final DateTimeFormatter SQL_DATETIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 7, true)
            .optionalEnd()
            .optionalStart()
            .appendLiteral('Z')
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private final IngestRecords records;
    private final SessionWriter sessions;
    private final BulkSessionWriter bulkSessions;
    private final DirectoryService directory;

    SfbServerImport(
            IngestRecords records, SessionWriter sessions, BulkSessionWriter bulkSessions, DirectoryService directory) {
        this.records = records;
        this.sessions = sessions;
        this.bulkSessions = bulkSessions;
        this.directory = directory;
    }

    /** Tags of the rows sorted by dialog: its media first, then its quality records, then its dialog rows. */
    private static final int MEDIA = 0;

    private static final int QUALITY = 1;
    private static final int DIALOG = 2;

    /** The dialog files, in the order they are written in: a later row of a dialog replaces an earlier one. */
    private static final List<String> DIALOG_FILES = List.of("sessions", "conference-sessions");

    /** A sorted row's order holds its file's tag above these bits and its line in them. */
    private static final int LINE_BITS = 40;

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The memory budget of one import's sorts (docs/import-sfb-server.md, "Memory and order"): runs of 100,000 rows
     * or about 16 MB, 64 merged at a time, at most four sorts filling at once. Package-private so that tests make runs
     * small (many runs, merged in several rounds) and read what an import held.
     */
    Supplier<ExternalSort.Budget> budgets = () -> new ExternalSort.Budget(100_000, 16L << 20, 64);

    int run(Path dir, PrintStream out) {
        return run(dir, out, false);
    }

    /** Runs the import, with {@code bulk} on the bulk path (docs/ingest.md, "Bulk imports"); returns the exit status. */
    int run(Path dir, PrintStream out, boolean bulk) {
        try {
            Map<String, Path> found = new LinkedHashMap<>();
            for (String name : FILES.keySet()) {
                Path file = find(dir, name);
                if (file != null) {
                    found.put(name, file);
                }
            }
            if (!found.containsKey("media") || found.size() < 2) {
                out.println("Expected media.(tsv|csv|txt) and sessions and/or conference-sessions files in " + dir
                        + " (docs/import-sfb-server.md).");
                return 1;
            }
            Map<String, Path> qoe = new LinkedHashMap<>();
            for (String name : SfbQualityFiles.FILES.keySet()) {
                Path file = find(dir, name);
                if (file != null) {
                    qoe.put(name, file);
                }
            }
            if (SfbQualityFiles.any(qoe)
                    && !(qoe.containsKey(SfbQualityFiles.DIALOGS) && qoe.containsKey(SfbQualityFiles.QOE_DIALOGS))) {
                out.println("The quality files (qoe-*) need dialogs.(tsv|csv|txt) and qoe-dialogs.(tsv|csv|txt) in "
                        + dir + " to be joined to the dialogs (docs/import-sfb-server.md).");
                return 1;
            }
            ExternalSort.Budget budget = budgets.get();
            try (SfbQualityJoin quality = new SfbQualityJoin(budget);
                    ExternalSort byDialog = new ExternalSort("dialogs", budget)) {
                return run(dir, found, qoe, quality, byDialog, budget, out, bulk);
            }
        } catch (CsvReader.Malformed e) {
            out.println(e.getMessage() + "; nothing was imported.");
            return 2;
        } catch (IOException e) {
            out.println("Cannot read " + dir + ": " + e.getMessage());
            return 1;
        }
    }

    /**
     * Reads and checks every file, its rows going to sorts on disk; joins the quality rows to their dialogs; checks
     * each dialog, its media and quality records gathered from the rows sorted by dialog; then reads the dialogs
     * again to write them (docs/import-sfb-server.md, "Memory and order").
     */
    private int run(
            Path dir,
            Map<String, Path> found,
            Map<String, Path> qoe,
            SfbQualityJoin quality,
            ExternalSort byDialog,
            ExternalSort.Budget budget,
            PrintStream out,
            boolean bulk)
            throws IOException {
        var problems = new ImportProblems();
        boolean withQoe = SfbQualityFiles.any(qoe);
        if (withQoe) {
            quality.read(qoe, problems, out);
        }
        Path usersFile = find(dir, SfbUsersFile.NAME);
        SfbUsersFile.Read users = null;
        if (usersFile != null) {
            out.println("Reading " + usersFile + " ...");
            users = SfbUsersFile.read(usersFile, records, problems);
        }
        out.println("Reading " + found.get("media") + " ...");
        media(found.get("media"), problems, byDialog);
        for (String kind : DIALOG_FILES) {
            if (found.containsKey(kind)) {
                out.println("Reading " + found.get(kind) + " ...");
                dialogs(found.get(kind), kind, problems, byDialog);
            }
        }
        if (withQoe) {
            quality.join(byDialog, QUALITY, out);
        }
        out.println("Checking the dialogs ...");
        @Nullable LocalDate keptFrom = sessions.keptFrom();
        long[] counts = new long[2]; // dialogs, skipped without media
        each(
                byDialog,
                found,
                qoe,
                budget,
                problems,
                (where, node) -> {
                    counts[0]++;
                    check(where, node, keptFrom, problems);
                },
                counts);
        if (!problems.isEmpty()) {
            problems.listed().stream()
                    .limit(TeamsCallRecordImport.SHOWN_PROBLEMS)
                    .forEach(p -> out.println("  " + p.describe()));
            out.println(problems.count() + " problem(s); nothing was imported.");
            return 2;
        }
        if (users != null) {
            addUsers(users, out);
        }
        out.println("Importing " + counts[0] + " dialogs" + (bulk ? " on the bulk path" : "") + " ...");
        if (bulk) {
            bulkSessions.start();
        }
        var progress = new ImportProgress(out, "dialogs", counts[0]);
        List<SessionRecord> batch = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        long[] replaced = {0};
        long[] withQuality = {0};
        each(
                byDialog,
                found,
                qoe,
                budget,
                new ImportProblems(),
                (where, node) -> {
                    SessionRecord session =
                            java.util.Objects.requireNonNull(records.session(0, node, new IngestProblems()));
                    if (!keys.add(session.dialogId())) { // a later row of the same dialog replaces the earlier
                        replaced[0] += flush(batch, keys, progress, bulk);
                        keys.add(session.dialogId());
                    }
                    batch.add(session);
                    if (node.has("quality")) {
                        withQuality[0]++;
                    }
                    if (batch.size() == BATCH) {
                        replaced[0] += flush(batch, keys, progress, bulk);
                    }
                },
                new long[2]);
        replaced[0] += flush(batch, keys, progress, bulk);
        if (bulk) {
            BulkImports.finish(bulkSessions, out);
        }
        if (withQoe) {
            out.printf(
                    "Quality records: %d dialogs; %d QoE sessions of dialogs not in this export and %d earlier"
                            + " reports of a dialog skipped.%n",
                    withQuality[0], quality.unmatched(), quality.superseded());
        }
        out.printf(
                "Imported %d dialogs (%d stored ones replaced, %d without media rows skipped) in %.1f s"
                        + " (%.0f dialogs/s).%n",
                progress.done(),
                replaced[0],
                counts[1],
                progress.seconds(),
                progress.done() / Math.max(progress.seconds(), 0.001));
        return 0;
    }

    /** The users file's users the directory does not know yet, added before the dialogs that name them. */
    private void addUsers(SfbUsersFile.Read users, PrintStream out) {
        var known = directory.knownUpns(users.users().keySet());
        List<UserRecord> added = users.users().entrySet().stream()
                .filter(user -> !known.contains(user.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        for (int from = 0; from < added.size(); from += BATCH) {
            List<UserRecord> batch = added.subList(from, Math.min(added.size(), from + BATCH));
            Retrying.write(() -> {
                directory.upsert(batch);
                return batch.size();
            });
        }
        out.printf(
                "Users: %d added to the directory, %d already in it (left as they are), %d telephone URIs skipped.%n",
                added.size(), users.users().size() - added.size(), users.telephoneUris());
    }

    private int flush(List<SessionRecord> batch, Set<String> keys, ImportProgress progress, boolean bulk) {
        int replaced = 0;
        if (!batch.isEmpty()) {
            List<SessionRecord> copy = List.copyOf(batch);
            replaced = Retrying.write(() -> bulk ? bulkSessions.write(copy) : sessions.write(copy));
            progress.advance(copy.size());
        }
        batch.clear();
        keys.clear();
        return replaced;
    }

    private void check(SourceLocation where, ObjectNode node, @Nullable LocalDate keptFrom, ImportProblems problems) {
        IngestProblems found = new IngestProblems();
        SessionRecord session = records.session(0, node, found);
        if (session != null && keptFrom != null && session.startsBefore(keptFrom)) {
            found.add(0, "startTime", SessionsBeforeKeptDaysException.reason(keptFrom));
        }
        for (IngestProblem problem : found.listed()) {
            problems.add(new ImportProblem(
                    where, "dialog " + node.path("dialogId").asText(), "portal " + problem.field(), problem.reason()));
        }
    }

    static @Nullable Path find(Path dir, String name) throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(file -> file.getFileName()
                            .toString()
                            .toLowerCase(Locale.ROOT)
                            .matches(java.util.regex.Pattern.quote(name) + "\\.(tsv|csv|txt)"))
                    .sorted()
                    .findFirst()
                    .orElse(null);
        }
    }

    /** A delimited file with a header, read row by row; rows of only dashes (sqlcmd's underline) are skipped. */
    interface Rows {
        void row(long line, Map<String, String> values) throws IOException;
    }

    private static void rows(Path file, String kind, ImportProblems problems, Rows rows) throws IOException {
        rows(file, FILES.get(kind), problems, rows);
    }

    static void rows(Path file, List<String> columns, ImportProblems problems, Rows rows) throws IOException {
        try (BufferedReader in = TextFiles.open(file)) {
            CsvReader csv = new CsvReader(in, CsvReader.delimiterOf(TextFiles.firstLine(in)));
            List<String> header = csv.next();
            if (header == null) {
                return;
            }
            header = header.stream().map(String::strip).toList();
            long before = problems.count();
            for (String column : columns) {
                if (!header.contains(column)) {
                    problems.add(new ImportProblem(
                            new SourceLocation(file, 1, 0),
                            "header",
                            column,
                            "is missing; the file must have the columns of the query in docs/import-sfb-server.md"));
                }
            }
            if (problems.count() > before) {
                return;
            }
            for (List<String> fields = csv.next(); fields != null; fields = csv.next()) {
                if (fields.stream().allMatch(f -> f.strip().matches("-*"))) {
                    continue;
                }
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < header.size() && i < fields.size(); i++) {
                    String value = fields.get(i).strip();
                    if (!value.isEmpty() && !value.equalsIgnoreCase("NULL")) {
                        values.put(header.get(i), value);
                    }
                }
                values.put("#columns", String.join("\t", header));
                rows.row(csv.recordLine(), values);
            }
        } catch (CsvReader.Malformed e) {
            throw new CsvReader.Malformed(
                    e.line, e.column, file + ":" + e.line + ":" + e.column + ": " + e.getMessage());
        }
    }

    /** Each media row, checked, goes to {@code byDialog}: its portal media type and duration. */
    private static void media(Path file, ImportProblems problems, ExternalSort byDialog) throws IOException {
        rows(file, "media", problems, (line, row) -> {
            DialogKey key = key(file, line, row, problems);
            Integer id = integer(file, line, row, "MediaId", problems);
            Instant start = time(file, line, row, "StartTime", false, problems);
            Instant end = time(file, line, row, "EndTime", false, problems);
            if (key == null || id == null) {
                return;
            }
            String type = mediaType(id);
            if (type == null) {
                problems.add(problem(file, line, row, "MediaId", "must be a MediaList id 1 to 7, not " + id));
                return;
            }
            long ms = start != null && end != null && !end.isBefore(start)
                    ? end.toEpochMilli() - start.toEpochMilli()
                    : 0;
            byDialog.add(key.sortKey(), MEDIA, line, type, String.valueOf(ms));
        });
    }

    /** The MediaList ids (1 IM ... 7 App Invite) as the portal's media types. */
    static @Nullable String mediaType(int id) {
        return switch (id) {
            case 1 -> "IM";
            case 2 -> "FILE_TRANSFER";
            case 3 -> "REMOTE_ASSISTANCE";
            case 4 -> "APPLICATION_SHARING";
            case 5 -> "AUDIO";
            case 6 -> "VIDEO";
            case 7 -> "APP_INVITE";
            default -> null;
        };
    }

    /** A dialog's key: SessionIdTime and SessionIdSeq. */
    private record DialogKey(Instant time, int seq) {

        String sortKey() {
            return SfbServerImport.sortKey(time, seq);
        }

        @Override
        public String toString() {
            return time + ":" + seq;
        }
    }

    /**
     * A time and sequence number (a dialog's, a QoE session's) as text that sorts as they do: the seconds from
     * Instant.MIN, the nanoseconds and the number from Integer.MIN_VALUE, each of a fixed width.
     */
    static String sortKey(Instant time, int seq) {
        StringBuilder key = new StringBuilder(36);
        pad(key, time.getEpochSecond() - Instant.MIN.getEpochSecond(), 17);
        pad(key, time.getNano(), 9);
        pad(key, (long) seq - Integer.MIN_VALUE, 10);
        return key.toString();
    }

    private static void pad(StringBuilder key, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            key.append('0');
        }
        key.append(digits);
    }

    private interface Sessions {
        void session(SourceLocation where, ObjectNode node);
    }

    /**
     * Each dialog row, checked, goes to {@code byDialog}: the portal session it becomes, as JSON, without its media
     * and quality records (added when the dialog's rows are read back sorted, {@link #each}).
     */
    private static void dialogs(Path file, String kind, ImportProblems problems, ExternalSort byDialog)
            throws IOException {
        rows(file, kind, problems, (line, row) -> {
            DialogKey key = key(file, line, row, problems);
            Instant start = time(file, line, row, "InviteTime", true, problems);
            Instant end = time(file, line, row, "EndTime", false, problems);
            Integer response = integer(file, line, row, "ResponseCode", problems);
            Integer diagnostic = integer(file, line, row, "DiagnosticId", problems);
            Integer messages = integer(file, line, row, "MessageCount", problems);
            if (key == null || start == null) {
                return;
            }
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("dialogId", "sfb:" + key);
            node.put("startTime", start.toString());
            node.put("endTime", (end == null ? start : end).toString());
            boolean conference = kind.equals("conference-sessions");
            String from = row.get(conference ? "UserUri" : "FromUri");
            putIfPresent(node, "fromUri", sip(from));
            if (conference) {
                String uri = row.get("ConferenceUri");
                putIfPresent(node, "conferenceUrl", sip(uri));
                putIfPresent(node, "toUri", uri == null ? null : sip(uri).replaceAll(";.*", ""));
                putIfPresent(node, "confInstance", row.get("ConfInstance"));
                putIfPresent(node, "fromClientVersion", row.get("UserClientVersion"));
                putIfPresent(node, "fromEndpointId", row.get("UserEndpointId"));
            } else {
                putIfPresent(node, "toUri", sip(row.get("ToUri")));
                putIfPresent(node, "fromClientVersion", row.get("FromClientVersion"));
                putIfPresent(node, "toClientVersion", row.get("ToClientVersion"));
                putIfPresent(node, "fromEndpointId", row.get("FromEndpointId"));
                putIfPresent(node, "toEndpointId", row.get("ToEndpointId"));
                putIfPresent(node, "onBehalfOfUri", sip(row.get("OnBehalfOfUri")));
                putIfPresent(node, "referredByUri", sip(row.get("ReferredByUri")));
                putIfPresent(node, "toTel", tel(row.get("ToUri")));
            }
            putIfPresent(node, "fromTel", tel(from));
            if (response != null) {
                node.put("responseCode", response);
            }
            if (diagnostic != null) {
                node.put("diagnosticId", diagnostic);
            }
            if (messages != null) {
                node.put("imMessageCount", messages);
            }
            byDialog.add(key.sortKey(), DIALOG, (long) DIALOG_FILES.indexOf(kind) << LINE_BITS | line, node.toString());
        });
    }

    /**
     * Reads the rows sorted by dialog, one dialog at a time: its media rows summed per type, its quality rows
     * gathered into records ({@link SfbQualityFiles.Records}, problems added), then each of its dialog rows handed
     * over as a session with them (a dialog row without media rows is counted in {@code counts[1]} instead).
     */
    private static void each(
            ExternalSort byDialog,
            Map<String, Path> found,
            Map<String, Path> qoe,
            ExternalSort.Budget budget,
            ImportProblems problems,
            Sessions sessions,
            long[] counts)
            throws IOException {
        long lines = (1L << LINE_BITS) - 1;
        try (ExternalSort.Rows rows = byDialog.sorted()) {
            ExternalSort.Row row = rows.next();
            while (row != null) {
                String dialog = row.key();
                Map<String, Long> media = new LinkedHashMap<>();
                SfbQualityFiles.Records records = null;
                ObjectNode quality = null;
                long held = 0;
                for (; row != null && row.key().equals(dialog); row = rows.next()) {
                    budget.hold(1);
                    held++;
                    if (row.tag() == MEDIA) {
                        media.merge(
                                row.fields().get(0), Long.parseLong(row.fields().get(1)), Long::sum);
                    } else if (row.tag() == QUALITY) {
                        if (records == null) {
                            records = new SfbQualityFiles.Records();
                        }
                        records.add(
                                (int) (row.order() >>> LINE_BITS), row.order() & lines, row.fields(), qoe, problems);
                    } else if (media.isEmpty()) {
                        counts[1]++; // no Media rows: a dialog that never set up media (docs/import-sfb-server.md)
                    } else {
                        if (records != null && quality == null) {
                            quality = records.quality();
                        }
                        ObjectNode node =
                                (ObjectNode) JSON.readTree(row.fields().get(0));
                        ArrayNode list = node.putArray("media");
                        media.forEach(
                                (type, ms) -> list.addObject().put("type", type).put("durationMs", ms));
                        if (quality != null) {
                            node.set("quality", quality);
                        }
                        Path file = found.get(DIALOG_FILES.get((int) (row.order() >>> LINE_BITS)));
                        sessions.session(new SourceLocation(file, row.order() & lines, 1), node);
                    }
                }
                budget.release(held);
            }
        }
    }

    /** The monitoring database writes URIs without {@code sip:}; the portal's format has it. */
    private static @Nullable String sip(@Nullable String uri) {
        if (uri == null) {
            return null;
        }
        return uri.regionMatches(true, 0, "sip:", 0, 4) ? uri : "sip:" + uri;
    }

    /** A telephone URI's number: {@code +14255550123@contoso.com;user=phone} is {@code +14255550123}. */
    private static @Nullable String tel(@Nullable String uri) {
        if (uri == null) {
            return null;
        }
        String user = uri.replaceFirst("(?i)^(sip|tel):", "").replaceAll("[@;].*", "");
        return user.matches("\\+?[0-9]{3,}")
                        && (uri.contains("user=phone")
                                || uri.toLowerCase(Locale.ROOT).startsWith("tel:"))
                ? user
                : null;
    }

    private static @Nullable DialogKey key(Path file, long line, Map<String, String> row, ImportProblems problems) {
        Instant time = time(file, line, row, "SessionIdTime", true, problems);
        Integer seq = integer(file, line, row, "SessionIdSeq", problems);
        if (seq == null && row.get("SessionIdSeq") == null) {
            problems.add(problem(file, line, row, "SessionIdSeq", "is required"));
        }
        return time == null || seq == null ? null : new DialogKey(time, seq);
    }

    static @Nullable Instant time(
            Path file, long line, Map<String, String> row, String column, boolean required, ImportProblems problems) {
        String value = row.get(column);
        if (value == null) {
            if (required) {
                problems.add(problem(file, line, row, column, "is required"));
            }
            return null;
        }
        try {
            return LocalDateTime.parse(value, SQL_DATETIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            problems.add(problem(
                    file,
                    line,
                    row,
                    column,
                    "\"" + value + "\" is not a date and time such as 2026-11-20 09:30:00.123 (UTC)"));
            return null;
        }
    }

    static @Nullable Integer integer(
            Path file, long line, Map<String, String> row, String column, ImportProblems problems) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            problems.add(problem(file, line, row, column, "\"" + value + "\" is not a whole number"));
            return null;
        }
    }

    static ImportProblem problem(Path file, long line, Map<String, String> row, String column, String reason) {
        List<String> header = List.of(row.get("#columns").split("\t"));
        int index = header.indexOf(column) + 1;
        return new ImportProblem(new SourceLocation(file, line, index), "column " + index, column, reason);
    }

    private static void putIfPresent(ObjectNode node, String field, @Nullable String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
