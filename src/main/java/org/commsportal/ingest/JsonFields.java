package org.commsportal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of one JSON record, noting every problem (missing, wrong type, too long, malformed) instead of
 * stopping at the first, so that one answer lists everything wrong with a request.
 */
final class JsonFields {

    private static final Pattern SIP_URI = Pattern.compile("(?i)sip:[^\\s@;]+@[^\\s@;]+(;\\S*)?");

    private final long index;
    private final JsonNode node;
    private final String table;
    private final ColumnLimits limits;
    private final IngestProblems problems;

    JsonFields(long index, JsonNode node, String table, ColumnLimits limits, IngestProblems problems) {
        this.index = index;
        this.node = node;
        this.table = table;
        this.limits = limits;
        this.problems = problems;
    }

    /** Notes fields the record has but the format does not know (likely typos that would lose data). */
    void rejectUnknown(Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problem(name, "unknown field");
            }
        }
    }

    void problem(String field, String reason) {
        problems.add(new IngestProblem(index, field, reason));
    }

    @Nullable String text(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            problem(field, "must be a string");
            return null;
        }
        String text = value.asText();
        if (required && text.isBlank()) {
            problem(field, "must not be empty");
            return null;
        }
        int limit = limits.of(table, QualityTables.snakeCase(field));
        if (text.length() > limit) {
            problem(field, "is " + text.length() + " characters long; at most " + limit + " fit");
            return null;
        }
        return text;
    }

    @Nullable String sipUri(String field, boolean required) {
        String uri = text(field, required);
        if (uri != null && !SIP_URI.matcher(uri).matches()) {
            problem(field, "must be a SIP URI such as sip:user@example.com");
            return null;
        }
        return uri;
    }

    @Nullable String guid(String field) {
        String guid = text(field, false);
        if (guid != null) {
            try {
                UUID.fromString(guid.replaceAll("^\\{|}$", ""));
            } catch (IllegalArgumentException notAGuid) {
                problem(field, "must be a GUID such as 0f8fad5b-d9cb-469f-a165-70867728950e");
                return null;
            }
        }
        return guid;
    }

    @Nullable Instant instant(String field) {
        String text = text(field, true);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            problem(field, "must be an ISO-8601 instant in UTC such as 2026-11-20T09:30:00.000Z");
            return null;
        }
    }

    @Nullable LocalDate date(String field, boolean required) {
        String text = text(field, required);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problem(field, "must be a date such as 2026-11-20");
            return null;
        }
    }

    @Nullable Long number(String field, boolean required, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problem(field, "must be a whole number");
            return null;
        }
        long number = value.asLong();
        if (number < min || number > max) {
            problem(field, "must be between " + min + " and " + max);
            return null;
        }
        return number;
    }

    @Nullable JsonNode child(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }
}
