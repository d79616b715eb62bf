package org.commsportal.graphapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.commsportal.export.ExportColumn;
import org.commsportal.export.ExportFormat;
import org.commsportal.export.TableExports;
import org.commsportal.export.TableWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1.0/reports/<function>(period='D7')} and {@code (date=YYYY-MM-DD)}: CSV by default (UTF-8 with BOM,
 * the vendor's headers), JSON with {@code $format=application/json}; the user detail pages with {@code $top} and
 * {@code $skiptoken}; every answer carries an ETag and {@code If-None-Match} with it gives 304.
 */
@RestController
@RequestMapping("/v1.0/reports")
class GraphReportsController {

    static final int DEFAULT_PAGE = 200;
    static final int MAX_PAGE = 1000;
    private static final Set<String> OPTIONS = Set.of("$format", "$top", "$skiptoken");
    private static final JsonFactory JSON = new JsonFactory();

    private final GraphReportService reports;
    private final DeviceUsageReports deviceUsage;
    private final WholeExportSlots wholeExports;

    GraphReportsController(GraphReportService reports, DeviceUsageReports deviceUsage, WholeExportSlots wholeExports) {
        this.reports = reports;
        this.deviceUsage = deviceUsage;
        this.wholeExports = wholeExports;
    }

    @GetMapping("/{call}")
    void report(
            @PathVariable String call,
            @RequestParam Map<String, String> options,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        ReportCall parsed = ReportCall.parse(call);
        for (String option : options.keySet()) {
            if (!OPTIONS.contains(option)) {
                throw GraphApiException.badRequest("Unsupported query option " + option + "; this API takes "
                        + String.join(", ", OPTIONS.stream().sorted().toList()) + ".");
            }
            if (request.getParameterValues(option).length > 1) {
                // a map of options keeps the first value alone: a repeated option would be ignored silently
                throw GraphApiException.badRequest("The query option " + option + " is given more than once.");
            }
        }
        boolean json = json(options.get("$format"));
        boolean userDetail = parsed.function() == ReportFunction.ACTIVITY_USER_DETAIL;
        Long top = top(options.get("$top"));
        SkipToken start = SkipToken.parse(options.get("$skiptoken"));
        if (DeviceUsageReports.FUNCTIONS.contains(parsed.function())) {
            deviceUsage.answer(parsed, json, top, start, request, response);
            return;
        }
        if (!userDetail && (top != null || !start.first())) {
            throw GraphApiException.badRequest("$top and $skiptoken page the user detail report only.");
        }
        long limit = top != null ? top : json ? DEFAULT_PAGE : Long.MAX_VALUE;
        // Everything that can refuse the call (roles, dates) runs before the first byte of the answer
        GraphReportService.@Nullable UserDetailPlan plan = userDetail ? reports.planUserDetail(parsed, start) : null;
        List<CountColumns.DayRow> counts = userDetail ? List.of() : reports.counts(parsed);

        String tag = reports.entityTag(parsed, (json ? "json" : "csv") + "|" + start.text() + "|" + limit);
        response.setHeader("ETag", tag);
        if (matches(request.getHeader("If-None-Match"), tag)) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            return;
        }
        try (WholeExportSlots.Slot slot = wholeExports.forAnswer(plan != null, limit);
                OutputStream out = start(response, json, parsed)) {
            if (plan != null) {
                writeUserDetail(plan, json, start, limit, request, out);
            } else {
                write(CountColumns.of(parsed.function()), json, out, counts::forEach, null);
            }
        }
    }

    private void writeUserDetail(
            GraphReportService.UserDetailPlan plan,
            boolean json,
            SkipToken start,
            long limit,
            HttpServletRequest request,
            OutputStream out)
            throws IOException {
        List<SkipToken.PageEnd> end = new ArrayList<>(1);
        write(
                UserDetailRow.COLUMNS,
                json,
                out,
                rows -> end.add(reports.userDetail(plan, start, limit, rows)),
                () -> nextLink(request, json, limit, start, end.get(0), plan.total()));
    }

    /** Sets the answer's type (and a CSV's file name) and opens its body: after this, no refusal can be sent. */
    static OutputStream start(HttpServletResponse response, boolean json, ReportCall call) throws IOException {
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(json ? MediaType.APPLICATION_JSON_VALUE : "text/csv");
        if (!json) {
            response.setHeader(
                    "Content-Disposition",
                    "attachment; filename=\"" + call.function().urlName() + ".csv\"");
        }
        return response.getOutputStream();
    }

    /**
     * The link to the page after this one, or null when this one ends the table: a page shorter than asked for,
     * or one reaching the number of rows counted before it.
     */
    static @Nullable String nextLink(
            HttpServletRequest request, boolean json, long limit, SkipToken start, SkipToken.PageEnd end, long total) {
        Long last = end.lastUserId();
        if (last == null || end.rows() < limit || start.offset() + end.rows() >= total) {
            return null;
        }
        return request.getRequestURL() + "?" + (json ? "$format=application/json&" : "")
                + (limit == Long.MAX_VALUE ? "" : "$top=" + limit + "&")
                + "$skiptoken=" + URLEncoder.encode(start.next(end.rows(), last).text(), StandardCharsets.UTF_8);
    }

    /** Writes rows as CSV or as {@code {"value":[...]}}, plus an {@code @odata.nextLink} when one is given. */
    static <R> void write(
            List<GraphColumn<R>> columns,
            boolean json,
            OutputStream out,
            Consumer<Consumer<R>> rows,
            java.util.function.@Nullable Supplier<@Nullable String> nextLink)
            throws IOException {
        if (json) {
            try (JsonGenerator generator = JSON.createGenerator(out)) {
                generator.writeStartObject();
                generator.writeArrayFieldStart("value");
                rows.accept(row -> jsonRow(generator, columns, row));
                generator.writeEndArray();
                String next = nextLink == null ? null : nextLink.get();
                if (next != null) {
                    generator.writeStringField("@odata.nextLink", next);
                }
                generator.writeEndObject();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return;
        }
        List<ExportColumn<R>> csvColumns = new ArrayList<>();
        for (GraphColumn<R> column : columns) {
            csvColumns.add(new ExportColumn<>(
                    column.csvHeader(), row -> csvValue(column.value().apply(row))));
        }
        try (TableWriter<R> writer = TableExports.open(ExportFormat.CSV, out, "", csvColumns, ZoneOffset.UTC)) {
            rows.accept(row -> {
                try {
                    writer.write(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static <R> void jsonRow(JsonGenerator generator, List<GraphColumn<R>> columns, R row) {
        try {
            generator.writeStartObject();
            for (GraphColumn<R> column : columns) {
                Object value = column.value().apply(row);
                generator.writeFieldName(column.jsonName());
                if (value == null) {
                    generator.writeNull();
                } else if (value instanceof Long number) {
                    generator.writeNumber(number);
                } else if (value instanceof Boolean bool) {
                    generator.writeBoolean(bool);
                } else {
                    generator.writeString(value.toString()); // LocalDate as YYYY-MM-DD, strings as they are
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The vendor's CSV writes booleans as True/False. */
    private static @Nullable Object csvValue(@Nullable Object value) {
        return value instanceof Boolean bool ? (bool ? "True" : "False") : value;
    }

    private static boolean json(@Nullable String format) {
        if (format == null || format.equalsIgnoreCase("text/csv")) {
            return false;
        }
        if (format.equalsIgnoreCase("application/json")) {
            return true;
        }
        throw GraphApiException.badRequest("Unsupported $format " + format + "; use text/csv or application/json.");
    }

    private static @Nullable Long top(@Nullable String top) {
        if (top == null) {
            return null;
        }
        try {
            long value = Long.parseLong(top);
            if (value >= 1 && value <= MAX_PAGE) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // falls through to the message below
        }
        throw GraphApiException.badRequest("Invalid $top " + top + "; use a whole number from 1 to " + MAX_PAGE + ".");
    }

    static boolean matches(@Nullable String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String trimmed = candidate.strip();
            if (trimmed.equals("*") || trimmed.equals(tag) || trimmed.equals("W/" + tag)) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(GraphApiException.class)
    ResponseEntity<Map<String, Map<String, String>>> refused(GraphApiException refusal) {
        Integer retryAfter = refusal.retryAfterSeconds();
        return ResponseEntity.status(refusal.status())
                .headers(headers -> {
                    if (retryAfter != null) {
                        headers.set(HttpHeaders.RETRY_AFTER, retryAfter.toString());
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", Map.of("code", refusal.code(), "message", refusal.getMessage())));
    }
}
