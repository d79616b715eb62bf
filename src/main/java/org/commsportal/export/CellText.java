package org.commsportal.export;

import java.math.BigDecimal;

/** How cell values read as text, the same in every export format. */
final class CellText {

    /**
     * Spreadsheet programs run a cell starting with one of these as a formula (OWASP "CSV injection"); tab and
     * carriage return can hide such a start from a quick look.
     */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CellText() {}

    /**
     * A telephone number as the reports show it: a plus, digits, and the x's that mask its last digits. A
     * spreadsheet that reads it as a formula gets a number or an error, never a function call or a link, so it
     * is written as it is (docs/exports.md).
     */
    private static final java.util.regex.Pattern PHONE_NUMBER = java.util.regex.Pattern.compile("\\+[0-9]+x*");

    /**
     * CSV text that a spreadsheet shows as text, never runs as a formula: a quote goes before any formula start,
     * except on a telephone number (docs/exports.md).
     */
    static String neutralised(String text) {
        if (text.isEmpty()
                || FORMULA_STARTS.indexOf(text.charAt(0)) < 0
                || PHONE_NUMBER.matcher(text).matches()) {
            return text;
        }
        return "'" + text;
    }

    static String yesNo(boolean value) {
        return value ? "Yes" : "No";
    }

    /** Whether a spreadsheet can hold the number: NaN and the infinities have no cell value. */
    static boolean isFinite(Number number) {
        if (number instanceof Double d) {
            return Double.isFinite(d);
        }
        return !(number instanceof Float f) || Float.isFinite(f);
    }

    /** Digits and a decimal point only: no grouping, no exponent, whatever the locale. */
    static String plainNumber(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (number instanceof Double || number instanceof Float) {
            // Through the shortest decimal form, so 0.1 stays 0.1 rather than the binary value's 55 digits.
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return number.toString();
    }
}
