package org.commsportal.rws;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.commsportal.rws.FilterToken.Kind;

/**
 * Splits a {@code $filter} into tokens: names, parentheses, commas and the OData v2 literals this service takes
 * (whole numbers with an optional {@code L}, {@code 'strings'} with {@code ''} for a quote,
 * {@code datetime'...'} and {@code guid'...'}). A malformed literal is refused here, naming it and its position.
 */
final class FilterLexer {

    /** {@code 2013-05-01T00:00}, {@code ...:00}, {@code ...:00.1234567}; the seconds and the fraction are optional. */
    static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm")
            .optionalStart()
            .appendPattern(":ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final String text;
    private int index;

    private FilterLexer(String text) {
        this.text = text;
    }

    /** The tokens of the text, ending with an END token. */
    static List<FilterToken> lex(String text) {
        return new FilterLexer(text).tokens();
    }

    private List<FilterToken> tokens() {
        List<FilterToken> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (index >= text.length()) {
                tokens.add(new FilterToken(Kind.END, "", index + 1, null));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipWhitespace() {
        while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
            index++;
        }
    }

    private FilterToken next() {
        int start = index;
        char c = text.charAt(index);
        switch (c) {
            case '(' -> {
                index++;
                return new FilterToken(Kind.OPEN, "(", start + 1, null);
            }
            case ')' -> {
                index++;
                return new FilterToken(Kind.CLOSE, ")", start + 1, null);
            }
            case ',' -> {
                index++;
                return new FilterToken(Kind.COMMA, ",", start + 1, null);
            }
            case '\'' -> {
                String value = quoted(start);
                return new FilterToken(Kind.LITERAL, text.substring(start, index), start + 1, new Literal.Text(value));
            }
            default -> {
                if (isDigit(c) || (c == '-' && index + 1 < text.length() && isDigit(text.charAt(index + 1)))) {
                    return number(start);
                }
                if (isNameStart(c)) {
                    return nameOrTypedLiteral(start);
                }
                throw ODataException.badRequest("Unexpected character '" + Messages.quote(String.valueOf(c))
                        + "' at position " + (start + 1) + " of $filter.");
            }
        }
    }

    /** Reads a single-quoted string starting at start (the quote) and returns its value. */
    private String quoted(int start) {
        StringBuilder value = new StringBuilder();
        index++;
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == '\'') {
                if (index + 1 < text.length() && text.charAt(index + 1) == '\'') {
                    value.append('\'');
                    index += 2;
                    continue;
                }
                index++;
                return value.toString();
            }
            value.append(c);
            index++;
        }
        throw ODataException.badRequest("Unclosed quote: the string starting at position " + (start + 1)
                + " of $filter (" + Messages.quote(text.substring(start)) + ") has no closing '.");
    }

    private FilterToken number(int start) {
        if (text.charAt(index) == '-') {
            index++;
        }
        while (index < text.length() && isDigit(text.charAt(index))) {
            index++;
        }
        boolean fraction = false;
        if (index + 1 < text.length() && text.charAt(index) == '.' && isDigit(text.charAt(index + 1))) {
            fraction = true;
            index++;
            while (index < text.length() && isDigit(text.charAt(index))) {
                index++;
            }
        }
        String digits = text.substring(start, index);
        char suffix = index < text.length() ? Character.toUpperCase(text.charAt(index)) : ' ';
        boolean decimalSuffix = suffix == 'M' || suffix == 'D' || suffix == 'F';
        if (suffix == 'L' || decimalSuffix) {
            index++;
        }
        String written = text.substring(start, index);
        if (index < text.length() && isNamePart(text.charAt(index))) {
            int end = index;
            while (end < text.length() && isNamePart(text.charAt(end))) {
                end++;
            }
            throw ODataException.badRequest("Invalid number '" + Messages.quote(text.substring(start, end))
                    + "' at position " + (start + 1) + " of $filter.");
        }
        if (fraction || decimalSuffix) {
            if (suffix == 'L') {
                throw ODataException.badRequest("Invalid number '" + Messages.quote(written) + "' at position "
                        + (start + 1) + " of $filter: an L (Edm.Int64) number has no fraction.");
            }
            return new FilterToken(Kind.LITERAL, written, start + 1, new Literal.Decimal(new BigDecimal(digits)));
        }
        try {
            return new FilterToken(Kind.LITERAL, written, start + 1, new Literal.Int64(Long.parseLong(digits)));
        } catch (NumberFormatException tooLarge) {
            throw ODataException.badRequest("The number '" + Messages.quote(written) + "' at position " + (start + 1)
                    + " of $filter is out of the range of Edm.Int64.");
        }
    }

    private FilterToken nameOrTypedLiteral(int start) {
        while (index < text.length() && isNamePart(text.charAt(index))) {
            index++;
        }
        String name = text.substring(start, index);
        if (index >= text.length() || text.charAt(index) != '\'') {
            return new FilterToken(Kind.NAME, name, start + 1, null);
        }
        String value = quoted(index);
        String written = text.substring(start, index);
        String prefix = name.toLowerCase(Locale.ROOT);
        Literal literal = switch (prefix) {
            case "datetime" -> new Literal.DateTime(dateTime(value, written, start));
            case "guid" -> new Literal.Guid(guid(value, written, start));
            default ->
                throw ODataException.badRequest(
                        "Unsupported literal " + Messages.quote(written) + " at position " + (start + 1)
                                + " of $filter: this service takes datetime'...', guid'...', 'strings' and numbers.");
        };
        return new FilterToken(Kind.LITERAL, written, start + 1, literal);
    }

    private static LocalDateTime dateTime(String value, String written, int start) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value, DATE).atStartOfDay();
            }
            return LocalDateTime.parse(value, DATE_TIME);
        } catch (DateTimeParseException notADateTime) {
            throw ODataException.badRequest("Invalid datetime literal " + Messages.quote(written) + " at position "
                    + (start + 1) + " of $filter: use a calendar date and time such as datetime'2013-05-01T00:00:00' "
                    + "(seconds and fraction optional) or datetime'2013-05-01'.");
        }
    }

    private static UUID guid(String value, String written, int start) {
        if (!GUID.matcher(value).matches()) {
            throw ODataException.badRequest("Invalid guid literal " + Messages.quote(written) + " at position "
                    + (start + 1) + " of $filter: use guid'16a58f78-539f-47f7-b9bf-02a63867d73b'.");
        }
        return UUID.fromString(value);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }
}
