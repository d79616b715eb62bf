package org.commsportal.rws;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The OData query options of a feed request, validated: the selected properties (in {@code $select} order, or all
 * in the documented order), the filter, the order (Date ascending unless {@code $orderby} says otherwise), the
 * page and the representation.
 *
 * @param given the options as the request spelled them, for the audit trail
 */
record QueryOptions(
        List<ReportField> select,
        @Nullable FilterExpression filter,
        List<OrderKey> orderBy,
        @Nullable Long top,
        long skip,
        ODataFormat format,
        Map<String, String> given) {

    static final String SELECT = "$select";
    static final String FILTER = "$filter";
    static final String ORDER_BY = "$orderby";
    static final String TOP = "$top";
    static final String SKIP = "$skip";
    static final String FORMAT = "$format";
    /** The options of a feed, in the order they are checked. */
    static final List<String> FEED_OPTIONS = List.of(SELECT, FILTER, ORDER_BY, TOP, SKIP, FORMAT);

    static final List<OrderKey> DEFAULT_ORDER = List.of(new OrderKey(ReportField.DATE, false));

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Parses a feed request's query parameters; any problem is a 400 naming the option and the bad part. */
    static QueryOptions parse(Map<String, String[]> parameters, @Nullable String accept, ReportKind kind) {
        Map<String, String> given = single(parameters, FEED_OPTIONS);
        String select = given.get(SELECT);
        String filter = given.get(FILTER);
        String orderBy = given.get(ORDER_BY);
        return new QueryOptions(
                select == null ? kind.fields() : select(select, kind),
                filter == null ? null : FilterParser.parse(filter, kind),
                orderBy == null ? DEFAULT_ORDER : orderBy(orderBy, kind),
                count(TOP, given.get(TOP)),
                given.containsKey(SKIP) ? java.util.Objects.requireNonNull(count(SKIP, given.get(SKIP))) : 0,
                ODataFormat.of(given.get(FORMAT), accept),
                given);
    }

    /**
     * The options of a request for one entry by its key: {@code $select} and {@code $format} only, and the key as a
     * filter on Date.
     */
    static QueryOptions parseEntry(
            Map<String, String[]> parameters, @Nullable String accept, LocalDateTime key, ReportKind kind) {
        Map<String, String> given = single(parameters, List.of(SELECT, FORMAT));
        String select = given.get(SELECT);
        return new QueryOptions(
                select == null ? kind.fields() : select(select, kind),
                new FilterExpression.Comparison(ReportField.DATE, ComparisonOperator.EQ, new Literal.DateTime(key)),
                DEFAULT_ORDER,
                null,
                0,
                ODataFormat.of(given.get(FORMAT), accept),
                given);
    }

    /**
     * The representation of a request taking only {@code $format} (the service document), after checking that no
     * other option or parameter is given.
     */
    static ODataFormat formatOnly(Map<String, String[]> parameters, @Nullable String accept) {
        return ODataFormat.of(single(parameters, List.of(FORMAT)).get(FORMAT), accept);
    }

    /** Refuses any query parameter ({@code $metadata} takes none). */
    static void none(Map<String, String[]> parameters, String resource) {
        if (!parameters.isEmpty()) {
            throw ODataException.badRequest("Unsupported query option "
                    + Messages.quote(parameters.keySet().iterator().next()) + " for " + resource
                    + ", which takes none.");
        }
    }

    /** The parameters as name to value, after refusing unknown names and repeated options. */
    private static Map<String, String> single(Map<String, String[]> parameters, List<String> allowed) {
        String takes = allowed.size() == 1 ? allowed.get(0) + " only" : String.join(", ", allowed);
        for (String name : parameters.keySet()) {
            if (!allowed.contains(name)) {
                throw ODataException.badRequest(
                        name.startsWith("$")
                                ? "Unsupported query option " + Messages.quote(name) + "; this resource takes " + takes
                                        + "."
                                : "Unknown query parameter '" + Messages.quote(name) + "'; this resource takes " + takes
                                        + " (the system query options start with $).");
            }
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String[] values = parameter.getValue();
            if (values.length != 1) {
                throw ODataException.badRequest(
                        "Query option " + parameter.getKey() + " is given " + values.length + " times; give it once.");
            }
            given.put(parameter.getKey(), values[0]);
        }
        return given;
    }

    private static List<ReportField> select(String select, ReportKind kind) {
        Set<ReportField> fields = new LinkedHashSet<>();
        for (String item : select.split(",", -1)) {
            String name = item.strip();
            if (name.isEmpty()) {
                throw ODataException.badRequest("$select '" + Messages.quote(select) + "' has an empty item; "
                        + "list properties separated by commas: " + ReportField.names(kind) + ", or *.");
            }
            if (name.equals("*")) {
                return kind.fields();
            }
            fields.add(ReportField.byName(kind, name)
                    .orElseThrow(() -> ODataException.badRequest("Unknown property '"
                            + Messages.quote(name) + "' in $select; the properties are " + ReportField.names(kind)
                            + " (case-sensitive), or *.")));
        }
        return List.copyOf(fields);
    }

    private static List<OrderKey> orderBy(String orderBy, ReportKind kind) {
        List<OrderKey> keys = new ArrayList<>();
        for (String item : orderBy.split(",", -1)) {
            String key = item.strip();
            if (key.isEmpty()) {
                throw ODataException.badRequest("$orderby '" + Messages.quote(orderBy) + "' has an empty key; list "
                        + "properties separated by commas, each optionally followed by asc or desc.");
            }
            String[] words = WHITESPACE.split(key);
            ReportField field = ReportField.byName(kind, words[0])
                    .orElseThrow(() -> ODataException.badRequest("Unknown property '" + Messages.quote(words[0])
                            + "' in $orderby; the properties are " + ReportField.names(kind) + " (case-sensitive)."));
            if (words.length > 2 || (words.length == 2 && !words[1].equals("asc") && !words[1].equals("desc"))) {
                String rest = String.join(" ", Arrays.copyOfRange(words, 1, words.length));
                throw ODataException.badRequest("Invalid sort direction '" + Messages.quote(rest) + "' after "
                        + field.propertyName() + " in $orderby; use asc or desc (lower case).");
            }
            keys.add(new OrderKey(field, words.length == 2 && words[1].equals("desc")));
        }
        return List.copyOf(keys);
    }

    private static @Nullable Long count(String option, @Nullable String value) {
        if (value == null) {
            return null;
        }
        if (DIGITS.matcher(value).matches()) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException tooLarge) {
                throw ODataException.badRequest(option + " '" + Messages.quote(value) + "' is too large; the largest "
                        + "is " + Long.MAX_VALUE + ".");
            }
        }
        throw ODataException.badRequest(
                "Invalid " + option + " '" + Messages.quote(value) + "'; use a whole number of 0 or more.");
    }

    /** The options as given, for the audit trail: {@code $filter=... $top=...}, or "no options". */
    String describe() {
        if (given.isEmpty()) {
            return "no options";
        }
        List<String> parts = new ArrayList<>();
        given.forEach((name, value) -> parts.add(name + "=" + Messages.quote(value)));
        return String.join(" ", parts);
    }
}
