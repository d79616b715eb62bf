package org.commsportal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.commsportal.sessions.QualityTables;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of one JSON record, noting every problem (missing, wrong type, too long, malformed) instead of
 * stopping at the first, so that one answer lists everything wrong with a request.
 */
final class JsonFields {

    private static final Pattern SIP_URI = Pattern.compile("(?i)sip:[^\\s@;]+@[^\\s@;]+(;\\S*)?");
    /** The instants and dates MariaDB's DATETIME and DATE columns hold, from the start of the Unix epoch. */
    static final Instant FIRST_INSTANT = Instant.parse("1970-01-01T00:00:00Z");

    static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999Z");
    static final LocalDate FIRST_DATE = LocalDate.of(1970, 1, 1);
    static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

    private final long index;
    private final JsonNode node;
    private final String table;
    private final ColumnLimits limits;
    private final IngestProblems problems;
    private final String path;

    JsonFields(long index, JsonNode node, String table, ColumnLimits limits, IngestProblems problems) {
        this(index, node, table, limits, problems, "");
    }

    /** The fields of an object inside the record, whose problems name it by the path, such as {@code media[0].}. */
    JsonFields(long index, JsonNode node, String table, ColumnLimits limits, IngestProblems problems, String path) {
        this.index = index;
        this.node = node;
        this.table = table;
        this.limits = limits;
        this.problems = problems;
        this.path = path;
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
        problems.add(new IngestProblem(index, path + field, reason));
    }

    @Nullable
    String text(String field, boolean required) {
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
        int limit = limits.of(table, QualityTables.snakeCase(field));
        if (text.length() > limit) {
            problem(field, "is " + text.length() + " characters long; at most " + limit + " fit");
            return null;
        }
        if (!wellFormed(text)) {
            problem(field, "is not valid Unicode text: it holds a lone surrogate (\\ud800 to \\udfff)");
            return null;
        }
        if (required && text.isBlank()) {
            problem(field, "must not be empty");
            return null;
        }
        return text;
    }

    /** Whether every surrogate of the text is half of a pair, so that it can be stored as UTF-8. */
    static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Nullable
    String sipUri(String field, boolean required) {
        String uri = text(field, required);
        if (uri != null && !SIP_URI.matcher(uri).matches()) {
            problem(field, "must be a SIP URI such as sip:user@example.com");
            return null;
        }
        return uri;
    }

    @Nullable
    String guid(String field) {
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

    @Nullable
    Instant instant(String field) {
        String text = text(field, true);
        if (text == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            problem(field, "must be an ISO-8601 instant in UTC such as 2026-11-20T09:30:00.000Z");
            return null;
        }
        if (instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT)) {
            problem(field, "must be between " + FIRST_INSTANT + " and " + LAST_INSTANT);
            return null;
        }
        // the store keeps milliseconds (DATETIME(3)); finer digits, as Graph call records carry, are dropped here
        // so that what is compared and written is what is stored (docs/ingest.md)
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    @Nullable
    LocalDate date(String field, boolean required) {
        String text = text(field, required);
        if (text == null) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problem(field, "must be a date such as 2026-11-20");
            return null;
        }
        if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
            problem(field, "must be between " + FIRST_DATE + " and " + LAST_DATE);
            return null;
        }
        return date;
    }

    @Nullable
    Long number(String field, boolean required, long min, long max) {
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

    @Nullable
    JsonNode child(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** An optional true or false. */
    @Nullable
    Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            problem(field, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /** An optional string that must be one of the names (exactly, as documented). */
    <T> @Nullable T choice(String field, java.util.Map<String, T> byName) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        T chosen = value.isTextual() ? byName.get(value.asText()) : null;
        if (chosen == null) {
            problem(
                    field,
                    "must be one of "
                            + String.join(
                                    ", ",
                                    byName.keySet().stream()
                                            .map(n -> '"' + n + '"')
                                            .toList()));
        }
        return chosen;
    }
}
