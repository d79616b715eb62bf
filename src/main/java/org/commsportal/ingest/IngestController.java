package org.commsportal.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.directory.UserRecordsRefused;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.sessions.SessionsBeforeKeptDaysException;
import org.commsportal.tenant.TenantService;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/ingest/sessions} and {@code /users}: a JSON array or NDJSON of records, all written in one
 * transaction or, if any record has a problem, none (422 with every problem). Signed in by an ingestion key.
 */
@RestController
@RequestMapping("/api/v1/ingest")
class IngestController {

    static final String NDJSON = "application/x-ndjson";

    private final IngestRecords records;
    private final SessionWriter sessions;
    private final DirectoryService directory;
    private final long maxRequestBytes;
    private final long maxRecordBytes;
    private final TenantService tenants;
    private final Clock clock;

    IngestController(
            IngestRecords records,
            SessionWriter sessions,
            DirectoryService directory,
            @Value("${portal.ingest.max-request-bytes:33554432}") long maxRequestBytes,
            @Value("${portal.ingest.max-record-bytes:1048576}") long maxRecordBytes,
            TenantService tenants,
            Clock clock) {
        this.records = records;
        this.sessions = sessions;
        this.directory = directory;
        this.maxRequestBytes = maxRequestBytes;
        this.maxRecordBytes = maxRecordBytes;
        this.tenants = tenants;
        this.clock = clock;
    }

    @PostMapping("/sessions")
    ResponseEntity<Map<String, Object>> sessions(HttpServletRequest request) throws IOException {
        List<SessionRecord> batch = new ArrayList<>();
        Set<String> dialogIds = new HashSet<>();
        LocalDate keptFrom = firstKeptDay();
        var refusal = read(request, (index, node, problems) -> {
            SessionRecord session = records.session(index, node, problems);
            if (session != null && !dialogIds.add(session.dialogId())) {
                problems.add(new IngestProblem(index, "dialogId", "appears earlier in this request"));
            } else if (session != null && session.startsBefore(keptFrom)) {
                problems.add(new IngestProblem(index, "startTime", SessionsBeforeKeptDaysException.reason(keptFrom)));
            } else if (session != null && problems.isEmpty()) {
                batch.add(session);
            }
            if (!problems.isEmpty()) {
                batch.clear(); // nothing will be written: keep no record in memory
            }
        });
        if (refusal != null) {
            return refusal;
        }
        try {
            int replaced = Retrying.write(() -> sessions.write(batch));
            return ResponseEntity.ok(Map.of("received", batch.size(), "replaced", replaced));
        } catch (SessionsBeforeKeptDaysException e) { // retention moved on while the body was read
            Set<String> tooOld = Set.copyOf(e.dialogIds());
            var problems = new IngestProblems();
            for (int index = 0; index < batch.size(); index++) {
                if (tooOld.contains(batch.get(index).dialogId())) {
                    problems.add(index, "startTime", SessionsBeforeKeptDaysException.reason(e.keptFrom()));
                }
            }
            return invalidRecords(problems);
        }
    }

    /**
     * The first day of sessions the tenant keeps: the Monday of the week of its first retained day (today minus its
     * retention days), as the next retention run will set it (docs/configuration.md, "Retention and partitions"),
     * or the day the last run set if that is later. Sessions before it would only be deleted again.
     */
    private LocalDate firstKeptDay() {
        LocalDate firstRetained = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .minusDays(tenants.current().retentionDays());
        LocalDate byRetention = firstRetained.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        @Nullable LocalDate stored = sessions.keptFrom();
        return stored != null && stored.isAfter(byRetention) ? stored : byRetention;
    }

    @PostMapping("/users")
    ResponseEntity<Map<String, Object>> users(HttpServletRequest request) throws IOException {
        List<UserRecord> batch = new ArrayList<>();
        Set<String> upns = new HashSet<>();
        java.time.Instant receivedAt = clock.instant();
        var refusal = read(request, (index, node, problems) -> {
            UserRecord user = records.user(index, node, problems, receivedAt);
            if (user != null && !upns.add(user.upn().toLowerCase(Locale.ROOT))) {
                problems.add(new IngestProblem(index, "upn", "appears earlier in this request"));
            } else if (user != null && problems.isEmpty()) {
                batch.add(user);
            }
            if (!problems.isEmpty()) {
                batch.clear(); // nothing will be written: keep no record in memory
            }
        });
        if (refusal != null) {
            return refusal;
        }
        try {
            Retrying.write(() -> {
                directory.upsert(batch);
                return batch.size();
            });
        } catch (UserRecordsRefused e) { // a record contradicts what is stored: the write was rolled back
            Map<String, Integer> indexes = new java.util.HashMap<>();
            for (int index = 0; index < batch.size(); index++) {
                indexes.put(batch.get(index).upn().toLowerCase(Locale.ROOT), index);
            }
            var problems = new IngestProblems();
            for (UserRecordsRefused.Refusal refused : e.refusals()) {
                problems.add(indexes.getOrDefault(refused.upn(), -1), refused.field(), refused.reason());
            }
            return invalidRecords(problems);
        }
        return ResponseEntity.ok(Map.of("received", batch.size()));
    }

    /** Reads every record of the body; returns the refusal to send, or null when all records were accepted. */
    private @Nullable ResponseEntity<Map<String, Object>> read(HttpServletRequest request, RecordStream.Handler handler)
            throws IOException {
        String contentType =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean ndjson = contentType.startsWith(NDJSON);
        if (!ndjson && !contentType.startsWith(MediaType.APPLICATION_JSON_VALUE)) {
            return error(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupportedMediaType",
                    "Send application/json (an array of " + "records) or " + NDJSON + " (one record per line), not '"
                            + request.getContentType() + "'.",
                    null);
        }
        if (request.getContentLengthLong() > maxRequestBytes) {
            return tooLarge();
        }
        var problems = new IngestProblems();
        try (InputStream body = new LimitedInputStream(request.getInputStream(), maxRequestBytes)) {
            long count = RecordStream.read(body, ndjson, maxRecordBytes, handler, problems);
            if (count == 0) {
                return error(HttpStatus.UNPROCESSABLE_ENTITY, "noRecords", "The request holds no records.", null);
            }
        } catch (LimitedInputStream.TooLarge e) {
            return tooLarge();
        } catch (RecordStream.Malformed e) {
            var problem = new IngestProblem(e.index(), e.field(), e.reason());
            return error(
                    HttpStatus.BAD_REQUEST,
                    "malformedJson",
                    "The body is not valid JSON: " + e.reason()
                            + " (record " + e.index() + (e.field().isEmpty() ? "" : ", field " + e.field()) + ", line "
                            + e.line() + ", column " + e.column() + ").",
                    List.of(problem));
        }
        return problems.isEmpty() ? null : invalidRecords(problems);
    }

    private static ResponseEntity<Map<String, Object>> invalidRecords(IngestProblems problems) {
        List<IngestProblem> listed = problems.listed();
        return error(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "invalidRecords",
                problems.count() + " problem(s) in "
                        + problems.records() + " record(s); nothing was written."
                        + (listed.size() < problems.count() ? " The first " + listed.size() + " are listed." : ""),
                listed,
                problems.count());
    }

    private ResponseEntity<Map<String, Object>> tooLarge() {
        return error(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "payloadTooLarge",
                "The body is larger than " + maxRequestBytes + " bytes; split it into several requests.",
                null);
    }

    private static ResponseEntity<Map<String, Object>> error(
            HttpStatus status, String code, String message, @Nullable List<IngestProblem> problems) {
        return error(status, code, message, problems, problems == null ? 0 : problems.size());
    }

    private static ResponseEntity<Map<String, Object>> error(
            HttpStatus status, String code, String message, @Nullable List<IngestProblem> problems, long count) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (problems != null) {
            error.put("problemCount", count);
            error.put("problems", problems);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", error));
    }
}
