package org.commsportal.importing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.ingest.IngestProblem;
import org.commsportal.ingest.IngestProblems;
import org.commsportal.ingest.IngestRecords;
import org.commsportal.ingest.Retrying;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code import users-csv <file>}: licensed users from a directory export (docs/import-users-csv.md). Columns are
 * found by the usual admin tools' header names or mapped with {@code --columns=field=Header,...}; each row becomes a
 * user in the portal's ingestion format and is checked by the same validation as the users API. A first pass
 * checks every row and imports nothing if any is wrong; a second writes batches of {@value #BATCH} users.
 */
@Component
class UsersCsvImport {

    static final int BATCH = 1_000;
    static final int DRY_RUN_ROWS = 10;

    /** The fields a column can fill, each with the header names found without a mapping (compared ignoring case). */
    static final Map<String, List<String>> HEADERS = headers();

    private static Map<String, List<String>> headers() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("upn", List.of("UserPrincipalName", "User principal name", "UPN"));
        headers.put("sipAddress", List.of("SipAddress", "SIP address", "msRTCSIP-PrimaryUserAddress", "LineURI SIP"));
        headers.put("alias", List.of("Alias", "MailNickname", "SamAccountName", "SAM account name"));
        headers.put("displayName", List.of("DisplayName", "Display name", "Name"));
        headers.put("objectId", List.of("ObjectId", "Object ID", "Id", "ExternalDirectoryObjectId"));
        headers.put("enabled", List.of("Enabled", "AccountEnabled", "Account enabled"));
        headers.put("licensed", List.of("IsLicensed", "Licensed"));
        headers.put("usageLocation", List.of("UsageLocation", "Usage location"));
        headers.put("licensedFrom", List.of("LicensedFrom", "WhenCreated", "CreatedDateTime", "When created"));
        headers.put("deletedAt", List.of("DeletedAt", "DeletedDateTime", "SoftDeletionTimestamp", "When deleted"));
        return java.util.Collections.unmodifiableMap(headers);
    }

    private static final List<DateTimeFormatter> US_DATES = List.of(
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US),
            DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss", Locale.US),
            DateTimeFormatter.ofPattern("M/d/yyyy H:mm", Locale.US));

    private final IngestRecords records;
    private final DirectoryService directory;

    UsersCsvImport(IngestRecords records, DirectoryService directory) {
        this.records = records;
        this.directory = directory;
    }

    /** One row mapped: the user, or the problems with the row. */
    private record Row(long line, @Nullable UserRecord user, List<ImportProblem> problems) {}

    int run(Path file, @Nullable String columnsOption, boolean dryRun, PrintStream out) {
        try {
            LocalDate exportDay =
                    LocalDate.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZoneOffset.UTC);
            Map<String, Integer> columns;
            List<String> header;
            try (BufferedReader in = TextFiles.open(file)) {
                CsvReader csv = new CsvReader(in, CsvReader.delimiterOf(TextFiles.firstLine(in)));
                List<String> first = csv.next();
                if (first == null) {
                    out.println(file + " is empty.");
                    return 1;
                }
                header = first;
            }
            var problems = new ImportProblems();
            columns = columns(file, header, columnsOption, problems);
            if (!problems.isEmpty()) {
                problems.listed().forEach(p -> out.println("  " + p.describe()));
                out.println("The columns cannot be mapped; nothing was imported.");
                return 2;
            }
            out.println("Columns: " + describe(columns, header));
            List<UserRecord> shown = new ArrayList<>();
            long total = pass(file, columns, exportDay, problems, user -> {
                if (shown.size() < DRY_RUN_ROWS) {
                    shown.add(user);
                }
            });
            if (dryRun) {
                out.println("Dry run: the first " + shown.size() + " of " + total + " users as they would be stored:");
                out.println("  upn | alias | displayName | licensedFrom | deletedAt | objectId | usageLocation");
                shown.forEach(u -> out.println("  " + u.upn().toLowerCase(Locale.ROOT) + " | " + u.alias() + " | "
                        + u.displayName() + " | " + u.licensedFrom() + " | "
                        + (u.deletedAt() == null ? "" : u.deletedAt()) + " | "
                        + (u.objectId() == null ? "" : u.objectId()) + " | "
                        + (u.usageLocation() == null ? "" : u.usageLocation())));
            }
            if (!problems.isEmpty()) {
                problems.listed().stream()
                        .limit(TeamsCallRecordImport.SHOWN_PROBLEMS)
                        .forEach(p -> out.println("  " + p.describe()));
                out.println(problems.count() + " problem(s) in " + total + " rows; nothing was imported.");
                return 2;
            }
            if (dryRun) {
                out.println("Dry run: " + total + " users are valid; nothing was written.");
                return 0;
            }
            out.println("Importing " + total + " users ...");
            var progress = new ImportProgress(out, "users", total);
            List<UserRecord> batch = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            pass(file, columns, exportDay, problems, user -> {
                if (!keys.add(user.upn().toLowerCase(Locale.ROOT))) { // a later row of the same user wins
                    write(batch, keys, progress);
                    keys.add(user.upn().toLowerCase(Locale.ROOT));
                }
                batch.add(user);
                if (batch.size() == BATCH) {
                    write(batch, keys, progress);
                }
            });
            write(batch, keys, progress);
            out.printf(
                    "Imported %d users in %.1f s (%.0f users/s).%n",
                    progress.done(), progress.seconds(), progress.done() / Math.max(progress.seconds(), 0.001));
            return 0;
        } catch (CsvReader.Malformed e) {
            out.println(file + ":" + e.line + ":" + e.column + ": " + e.getMessage() + "; nothing was imported.");
            return 2;
        } catch (IOException e) {
            out.println("Cannot read " + file + ": " + e.getMessage());
            return 1;
        }
    }

    private void write(List<UserRecord> batch, Set<String> keys, ImportProgress progress) {
        if (!batch.isEmpty()) {
            List<UserRecord> copy = List.copyOf(batch);
            Retrying.write(() -> {
                directory.upsert(copy);
                return copy.size();
            });
            progress.advance(copy.size());
        }
        batch.clear();
        keys.clear();
    }

    /** Reads every data row; valid users go to the consumer, problems to the list. Returns the rows read. */
    private long pass(
            Path file,
            Map<String, Integer> columns,
            LocalDate exportDay,
            ImportProblems problems,
            java.util.function.Consumer<UserRecord> users)
            throws IOException {
        try (BufferedReader in = TextFiles.open(file)) {
            CsvReader csv = new CsvReader(in, CsvReader.delimiterOf(TextFiles.firstLine(in)));
            csv.next(); // the header
            long rows = 0;
            for (List<String> fields = csv.next(); fields != null; fields = csv.next()) {
                rows++;
                Row row = row(file, csv.recordLine(), fields, columns, exportDay);
                row.problems().forEach(problems::add);
                if (row.user() != null) {
                    users.accept(row.user());
                }
            }
            return rows;
        }
    }

    private Row row(Path file, long line, List<String> fields, Map<String, Integer> columns, LocalDate exportDay) {
        List<ImportProblem> found = new ArrayList<>();
        ObjectNode user = JsonNodeFactory.instance.objectNode();
        String sip = value(fields, columns, "sipAddress");
        String upn = sip != null ? sip.replaceFirst("(?i)^sip:", "") : value(fields, columns, "upn");
        putIfPresent(user, "upn", upn);
        String alias = value(fields, columns, "alias");
        putIfPresent(user, "alias", alias != null ? alias : upn == null ? null : upn.replaceFirst("@.*", ""));
        putIfPresent(user, "displayName", value(fields, columns, "displayName"));
        String objectId = value(fields, columns, "objectId");
        putIfPresent(user, "objectId", objectId);
        putIfPresent(user, "usageLocation", value(fields, columns, "usageLocation"));
        LocalDate licensedFrom = date(file, line, fields, columns, "licensedFrom", found);
        LocalDate deletedAt = date(file, line, fields, columns, "deletedAt", found);
        Boolean enabled = bool(file, line, fields, columns, "enabled", found);
        Boolean licensed = bool(file, line, fields, columns, "licensed", found);
        if (deletedAt == null && (Boolean.FALSE.equals(enabled) || Boolean.FALSE.equals(licensed))) {
            deletedAt = exportDay; // disabled or unlicensed when the file was exported, with no date of its own
        }
        if (licensedFrom != null) {
            user.put("licensedFrom", licensedFrom.toString());
        }
        if (deletedAt != null) {
            user.put("deletedAt", deletedAt.toString());
        }
        IngestProblems checked = new IngestProblems();
        UserRecord record = records.user(0, user, checked);
        for (IngestProblem problem : checked.listed()) {
            String field = problem.field().equals("upn") && sip != null ? "sipAddress" : problem.field();
            Integer column = columns.get(field);
            found.add(new ImportProblem(
                    new SourceLocation(file, line, column == null ? 0 : column + 1),
                    column == null ? "" : "column " + (column + 1),
                    field,
                    problem.reason()
                            + (column == null && problem.reason().equals("is required")
                                    ? "; map a column with --columns=" + field + "=<header>"
                                    : "")));
        }
        return new Row(line, found.isEmpty() ? record : null, found);
    }

    private static @Nullable String value(List<String> fields, Map<String, Integer> columns, String field) {
        Integer column = columns.get(field);
        if (column == null || column >= fields.size()) {
            return null;
        }
        String value = fields.get(column).strip();
        return value.isEmpty() ? null : value;
    }

    private static @Nullable LocalDate date(
            Path file,
            long line,
            List<String> fields,
            Map<String, Integer> columns,
            String field,
            List<ImportProblem> found) {
        String value = value(fields, columns, field);
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 && value.charAt(4) == '-'
                    ? LocalDate.parse(value)
                    : OffsetDateTime.parse(value)
                            .atZoneSameInstant(ZoneOffset.UTC)
                            .toLocalDate();
        } catch (DateTimeParseException notIso) {
            for (DateTimeFormatter format : US_DATES) {
                try {
                    return LocalDateTime.parse(value, format).toLocalDate();
                } catch (DateTimeParseException next) {
                    // try the next format
                }
            }
            found.add(new ImportProblem(
                    new SourceLocation(file, line, columns.get(field) + 1),
                    "column " + (columns.get(field) + 1),
                    field,
                    "\"" + value
                            + "\" is not a date such as 2025-01-31, 2025-01-31T09:00:00Z or 1/31/2025 9:00:00 AM"));
            return null;
        }
    }

    private static @Nullable Boolean bool(
            Path file,
            long line,
            List<String> fields,
            Map<String, Integer> columns,
            String field,
            List<ImportProblem> found) {
        String value = value(fields, columns, field);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> {
                found.add(new ImportProblem(
                        new SourceLocation(file, line, columns.get(field) + 1),
                        "column " + (columns.get(field) + 1),
                        field,
                        "\"" + value + "\" is not True or False"));
                yield null;
            }
        };
    }

    private static void putIfPresent(ObjectNode node, String field, @Nullable String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** Each field's column (from 0): from the mapping option, else by the usual header names. */
    static Map<String, Integer> columns(
            Path file, List<String> header, @Nullable String option, ImportProblems problems) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        HEADERS.forEach((field, names) -> {
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip();
                if (names.stream().anyMatch(name::equalsIgnoreCase) && !columns.containsKey(field)) {
                    columns.put(field, i);
                }
            }
        });
        if (option != null && !option.isBlank()) {
            for (String pair : option.split(",")) {
                String[] parts = pair.split("=", 2);
                String field = parts[0].strip();
                if (parts.length != 2 || !HEADERS.containsKey(field)) {
                    problems.add(new ImportProblem(
                            new SourceLocation(file, 1, 0),
                            "--columns",
                            field,
                            "is not field=Header; the fields are " + String.join(", ", HEADERS.keySet())));
                    continue;
                }
                int index = -1;
                for (int i = 0; i < header.size(); i++) {
                    if (header.get(i).strip().equalsIgnoreCase(parts[1].strip())) {
                        index = i;
                    }
                }
                if (index < 0) {
                    problems.add(new ImportProblem(
                            new SourceLocation(file, 1, 0),
                            "--columns",
                            field,
                            "the header has no column \"" + parts[1].strip() + "\""));
                } else {
                    columns.put(field, index);
                }
            }
        }
        if (!columns.containsKey("upn") && !columns.containsKey("sipAddress")) {
            problems.add(new ImportProblem(
                    new SourceLocation(file, 1, 0),
                    "header",
                    "upn",
                    "no column holds the user principal name or SIP address; map one with --columns=upn=<header>"));
        }
        return columns;
    }

    private static String describe(Map<String, Integer> columns, List<String> header) {
        List<String> parts = new ArrayList<>();
        columns.forEach(
                (field, column) -> parts.add(field + "=" + header.get(column).strip()));
        return String.join(", ", parts);
    }
}
