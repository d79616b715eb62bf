package org.commsportal.rws;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.commsportal.rws.FilterExpression.And;
import org.commsportal.rws.FilterExpression.Comparison;
import org.commsportal.rws.FilterExpression.Not;
import org.commsportal.rws.FilterExpression.Or;
import org.commsportal.rws.FilterToken.Kind;
import org.jspecify.annotations.Nullable;

/**
 * Parses and type-checks a {@code $filter} by recursive descent, with OData's precedence (not, then the comparisons,
 * then and, then or; parentheses group):
 * <pre>
 * or         = and { "or" and }
 * and        = unary { "and" unary }
 * unary      = "not" unary | primary
 * primary    = "(" or ")" | comparison
 * comparison = operand ( "eq" | "ne" | "gt" | "ge" | "lt" | "le" ) operand   -- one field, one literal
 * </pre>
 * {@code not} takes a comparison as well as a parenthesized condition ({@code not Date eq x} is
 * {@code not (Date eq x)}), the only reading that type-checks, as no property is a boolean.
 */
final class FilterParser {

    /** Deeper nesting is refused rather than risking the stack on a hostile URL. */
    static final int MAX_DEPTH = 64;

    private static final Set<String> LOGICAL = Set.of("and", "or", "not");
    private static final Set<String> ARITHMETIC = Set.of("add", "sub", "mul", "div", "mod");
    private static final Set<String> OTHER_LITERALS = Set.of("null", "true", "false");
    private static final String OPERATORS = "eq, ne, gt, ge, lt, le, and, or, not";

    /** Short dates the vendor documents for Date ({@code 03/10/2013}, {@code 03/10/2013 4:55 PM}) and ISO dates. */
    private static final List<DateTimeFormatter> SHORT_DATE_TIMES = List.of(
            formatter("M/d/uuuu h:mm a"),
            formatter("M/d/uuuu h:mm:ss a"),
            formatter("M/d/uuuu H:mm"),
            formatter("M/d/uuuu H:mm:ss"),
            FilterLexer.DATE_TIME,
            formatter("uuuu-MM-dd H:mm"),
            formatter("uuuu-MM-dd H:mm:ss"));

    private static final List<DateTimeFormatter> SHORT_DATES = List.of(formatter("M/d/uuuu"), FilterLexer.DATE);
    private static final Pattern ONE_SPACE = Pattern.compile("\\s+");

    private final List<FilterToken> tokens;
    private final ReportKind kind;
    private int next;
    private int depth;

    private FilterParser(List<FilterToken> tokens, ReportKind kind) {
        this.tokens = tokens;
        this.kind = kind;
    }

    static FilterExpression parse(String filter, ReportKind kind) {
        if (filter.isBlank()) {
            throw ODataException.badRequest("$filter is empty; give a condition such as "
                    + "Date ge datetime'2013-05-01T00:00:00', or leave $filter out.");
        }
        FilterParser parser = new FilterParser(FilterLexer.lex(filter), kind);
        FilterExpression expression = parser.or();
        FilterToken rest = parser.peek();
        if (rest.kind() != Kind.END) {
            if (rest.kind() == Kind.CLOSE) {
                throw ODataException.badRequest(
                        "Unbalanced parenthesis: " + rest.describe() + " of $filter closes no '('.");
            }
            throw ODataException.badRequest("Unexpected " + rest.describe() + " of $filter after a complete "
                    + "condition; join conditions with and / or.");
        }
        return expression;
    }

    private FilterExpression or() {
        FilterExpression left = and();
        while (peek().isName("or")) {
            next++;
            left = new Or(left, and());
        }
        return left;
    }

    private FilterExpression and() {
        FilterExpression left = unary();
        while (peek().isName("and")) {
            next++;
            left = new And(left, unary());
        }
        return left;
    }

    private FilterExpression unary() {
        FilterToken token = peek();
        if (token.isName("not")) {
            next++;
            enter(token);
            FilterExpression operand = unary();
            depth--;
            return new Not(operand);
        }
        return primary();
    }

    private FilterExpression primary() {
        FilterToken token = peek();
        if (token.kind() == Kind.OPEN) {
            next++;
            enter(token);
            FilterExpression inner = or();
            depth--;
            FilterToken close = peek();
            if (close.kind() == Kind.END) {
                throw ODataException.badRequest("Unclosed parenthesis: the '(' at position " + token.position()
                        + " of $filter is never closed.");
            }
            if (close.kind() != Kind.CLOSE) {
                throw ODataException.badRequest("Expected ')' to close the '(' at position " + token.position()
                        + " but found " + close.describe() + ".");
            }
            next++;
            return inner;
        }
        return comparison();
    }

    private void enter(FilterToken token) {
        if (++depth > MAX_DEPTH) {
            throw ODataException.badRequest("$filter nests too deeply at " + token.describe() + "; at most " + MAX_DEPTH
                    + " levels of parentheses and not.");
        }
    }

    private FilterExpression comparison() {
        Operand left = operand();
        FilterToken operatorToken = peek();
        ComparisonOperator operator = comparisonOperator(left, operatorToken);
        next++;
        Operand right = operand();
        if (left instanceof Operand.Field field && right instanceof Operand.Value value) {
            return new Comparison(field.field(), operator, typeChecked(field, value));
        }
        if (left instanceof Operand.Value value && right instanceof Operand.Field field) {
            return new Comparison(field.field(), operator.swapped(), typeChecked(field, value));
        }
        if (left instanceof Operand.Field) {
            throw ODataException.badRequest(
                    "The comparison at position " + left.token().position() + " of $filter "
                            + "compares two fields (" + left.token().describe() + " and "
                            + right.token().describe()
                            + "); compare a field with a value.");
        }
        throw ODataException.badRequest(
                "The comparison at position " + left.token().position() + " of $filter "
                        + "compares two values (" + left.token().describe() + " and "
                        + right.token().describe()
                        + "); one side must be a field: " + ReportField.names(kind) + ".");
    }

    private ComparisonOperator comparisonOperator(Operand left, FilterToken token) {
        if (token.kind() == Kind.NAME) {
            var operator = ComparisonOperator.byName(token.text());
            if (operator.isPresent()) {
                return operator.get();
            }
            if (ARITHMETIC.contains(token.text())) {
                throw ODataException.badRequest("Unsupported operator " + token.describe() + " of $filter: "
                        + "arithmetic is not supported; use " + OPERATORS + ".");
            }
            if (!LOGICAL.contains(token.text())) {
                throw ODataException.badRequest("Unsupported operator " + token.describe() + " of $filter; use "
                        + OPERATORS + " (lower case).");
            }
        }
        if (token.kind() == Kind.END) {
            throw ODataException.badRequest("Missing comparison operator and operand after "
                    + left.token().describe() + " at the end of $filter.");
        }
        throw ODataException.badRequest("Expected a comparison operator (eq, ne, gt, ge, lt, le) after "
                + left.token().describe() + " but found " + token.describe() + " of $filter.");
    }

    private Operand operand() {
        FilterToken token = peek();
        switch (token.kind()) {
            case LITERAL -> {
                next++;
                return new Operand.Value(token, java.util.Objects.requireNonNull(token.literal()));
            }
            case NAME -> {
                if (tokens.get(next + 1).kind() == Kind.OPEN) {
                    throw ODataException.badRequest("Unsupported function " + token.describe() + " of $filter: "
                            + "this service compares fields with values using " + OPERATORS + " only.");
                }
                if (OTHER_LITERALS.contains(token.text())) {
                    throw ODataException.badRequest("Unsupported literal " + token.describe() + " of $filter: no "
                            + "field is nullable or boolean.");
                }
                if (LOGICAL.contains(token.text())
                        || ARITHMETIC.contains(token.text())
                        || ComparisonOperator.byName(token.text()).isPresent()) {
                    throw ODataException.badRequest("Missing operand before " + token.describe() + " of $filter.");
                }
                ReportField field = ReportField.byName(kind, token.text())
                        .orElseThrow(() -> ODataException.badRequest("Unknown field " + token.describe()
                                + " of $filter; the fields are " + ReportField.names(kind) + " (case-sensitive)."));
                next++;
                return new Operand.Field(token, field);
            }
            case END -> throw ODataException.badRequest("Missing operand at " + token.describe() + ".");
            default -> throw ODataException.badRequest("Missing operand before " + token.describe() + " of $filter.");
        }
    }

    /** The literal as the field's type, or a 400 naming both when they do not compare. */
    private static Literal typeChecked(Operand.Field field, Operand.Value operand) {
        ReportField reportField = field.field();
        Literal literal = operand.literal();
        FilterToken token = operand.token();
        @Nullable
        Literal checked = switch (reportField.type()) {
            case INT64 -> literal instanceof Literal.Int64 ? literal : null;
            case DATE_TIME ->
                literal instanceof Literal.DateTime
                        ? literal
                        : literal instanceof Literal.Text text
                                ? new Literal.DateTime(shortDate(text.value(), token))
                                : null;
            case GUID ->
                literal instanceof Literal.Guid
                        ? literal
                        : literal instanceof Literal.Text text ? new Literal.Guid(guidText(text.value(), token)) : null;
            case STRING -> literal instanceof Literal.Text ? literal : null;
        };
        if (checked == null) {
            throw ODataException.badRequest("Type mismatch in $filter: " + reportField.propertyName() + " ("
                    + reportField.type().edmName() + ") cannot be compared with " + token.describe() + ", "
                    + kindOf(literal) + "; " + expected(reportField) + ".");
        }
        return checked;
    }

    private static String kindOf(Literal literal) {
        if (literal instanceof Literal.Int64) {
            return "an Edm.Int64";
        }
        if (literal instanceof Literal.Decimal) {
            return "a number with a fraction";
        }
        if (literal instanceof Literal.DateTime) {
            return "an Edm.DateTime";
        }
        return literal instanceof Literal.Guid ? "an Edm.Guid" : "an Edm.String";
    }

    private static String expected(ReportField field) {
        return switch (field.type()) {
            case INT64 -> "compare " + field.propertyName() + " with a whole number such as 42";
            case DATE_TIME -> "compare Date with datetime'2013-05-01T00:00:00' or a short date such as '05/01/2013'";
            case GUID -> "compare TenantGuid with guid'16a58f78-539f-47f7-b9bf-02a63867d73b'";
            case STRING -> "compare TenantName with a string such as 'contoso.example'";
        };
    }

    /** A string compared with Date: {@code '2013-05-01'}, {@code '05/01/2013'}, {@code '05/01/2013 4:55 PM'}. */
    private static LocalDateTime shortDate(String value, FilterToken token) {
        String text = ONE_SPACE.matcher(value.strip()).replaceAll(" ");
        for (DateTimeFormatter format : SHORT_DATE_TIMES) {
            try {
                return LocalDateTime.parse(text, format);
            } catch (DateTimeParseException notThisOne) {
                // try the next format
            }
        }
        for (DateTimeFormatter format : SHORT_DATES) {
            try {
                return LocalDate.parse(text, format).atStartOfDay();
            } catch (DateTimeParseException notThisOne) {
                // try the next format
            }
        }
        throw ODataException.badRequest("Invalid date " + token.describe() + " of $filter: use a short date such "
                + "as '05/01/2013' (month/day/year), '05/01/2013 4:55 PM' or '2013-05-01', or "
                + "datetime'2013-05-01T00:00:00'.");
    }

    private static UUID guidText(String value, FilterToken token) {
        try {
            if (value.length() == 36) {
                UUID guid = UUID.fromString(value);
                if (guid.toString().equalsIgnoreCase(value)) {
                    return guid;
                }
            }
        } catch (IllegalArgumentException notAGuid) {
            // falls through to the message below
        }
        throw ODataException.badRequest("Invalid guid " + token.describe() + " of $filter: use "
                + "guid'16a58f78-539f-47f7-b9bf-02a63867d73b'.");
    }

    private static DateTimeFormatter formatter(String pattern) {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(pattern)
                .toFormatter(Locale.US)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    private FilterToken peek() {
        return tokens.get(next);
    }

    /** One side of a comparison, with the token that spelled it for error messages. */
    private sealed interface Operand {
        FilterToken token();

        record Field(FilterToken token, ReportField field) implements Operand {}

        record Value(FilterToken token, Literal literal) implements Operand {}
    }
}
