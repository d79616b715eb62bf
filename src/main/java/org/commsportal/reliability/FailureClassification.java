package org.commsportal.reliability;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Whether a session failed to set up, dropped, failed as expected or did not fail, by its final SIP response code, its
 * diagnostic id and ICE: the table of docs/reliability.md, held once here and turned into the SQL the read model
 * classifies with ({@link #sql}), so that the page, the docs and the tests read one table.
 */
public final class FailureClassification {

    /** A session's outcome, stored as its code. */
    public enum Outcome {
        NO_FAILURE(0, "No failure"),
        EXPECTED_FAILURE(1, "Expected failure"),
        SETUP_FAILURE(2, "Setup failure"),
        DROP_FAILURE(3, "Drop failure");

        private final int code;
        private final String label;

        Outcome(int code, String label) {
            this.code = code;
            this.label = label;
        }

        public int code() {
            return code;
        }

        public String label() {
            return label;
        }

        public static Outcome ofCode(int code) {
            for (Outcome outcome : values()) {
                if (outcome.code == code) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("Unknown outcome " + code);
        }
    }

    /** A row of the table: a code and what it means, as its source names it. */
    public record Entry(int code, String meaning, String source) {}

    /** Final responses of 300 or more that say the callee or caller chose so: expected failures (RFC 3261 §21). */
    public static final List<Entry> EXPECTED_RESPONSES = List.of(
            new Entry(
                    480, "Temporarily Unavailable: the callee is not signed in or did not answer", "RFC 3261 §21.4.18"),
            new Entry(486, "Busy Here: the callee is busy", "RFC 3261 §21.4.24"),
            new Entry(487, "Request Terminated: the caller cancelled before the callee answered", "RFC 3261 §21.4.25"),
            new Entry(600, "Busy Everywhere", "RFC 3261 §21.6.1"),
            new Entry(603, "Decline: the callee declined", "RFC 3261 §21.6.2"));

    /** Diagnostic ids that make a failed set-up expected whatever its response code. */
    public static final List<Entry> EXPECTED_DIAGNOSTICS = List.of(
            new Entry(1003, "User does not exist", "ms-diagnostics, server"),
            new Entry(4005, "Destination URI either not enabled for SIP or does not exist", "ms-diagnostics, server"),
            new Entry(
                    13004,
                    "Request was proxied to one or more registered endpoints (no endpoint answered)",
                    "ms-diagnostics, server"),
            new Entry(51004, "Action initiated by user", "ms-diagnostics, client"));

    /** Diagnostic ids of an established session's abnormal end: drop failures. */
    public static final List<Entry> DROP_DIAGNOSTICS = List.of(
            new Entry(
                    52094,
                    "Call terminated on mid-call media failure where both endpoints are internal",
                    "ms-client-diagnostics"),
            new Entry(
                    52097,
                    "Call terminated on mid-call media failure where one endpoint is internal and the other"
                            + " is remote",
                    "ms-client-diagnostics"));

    private FailureClassification() {}

    /**
     * The outcome of a session (or one of its modalities): an expected final response or diagnostic id makes it an
     * expected failure; else a final response of 300 or more, or failed ICE on its media, a setup failure; else a
     * drop diagnostic id a drop failure; else no failure.
     */
    public static Outcome of(@Nullable Integer responseCode, @Nullable Integer diagnosticId, boolean iceFailed) {
        boolean finalFailure = responseCode != null && responseCode >= 300;
        if (finalFailure && (listed(EXPECTED_RESPONSES, responseCode) || listed(EXPECTED_DIAGNOSTICS, diagnosticId))) {
            return Outcome.EXPECTED_FAILURE;
        }
        if (finalFailure || iceFailed) {
            return Outcome.SETUP_FAILURE;
        }
        if (listed(DROP_DIAGNOSTICS, diagnosticId)) {
            return Outcome.DROP_FAILURE;
        }
        return Outcome.NO_FAILURE;
    }

    /** What the table says a response code or diagnostic id means, or null when it does not list it. */
    public static @Nullable String meaning(@Nullable Integer responseCode, @Nullable Integer diagnosticId) {
        for (List<Entry> table : List.of(EXPECTED_DIAGNOSTICS, DROP_DIAGNOSTICS)) {
            for (Entry entry : table) {
                if (diagnosticId != null && entry.code() == diagnosticId) {
                    return entry.meaning();
                }
            }
        }
        for (Entry entry : EXPECTED_RESPONSES) {
            if (responseCode != null && entry.code() == responseCode) {
                return entry.meaning();
            }
        }
        return null;
    }

    private static boolean listed(List<Entry> table, @Nullable Integer code) {
        return code != null && table.stream().anyMatch(entry -> entry.code() == code);
    }

    /**
     * The SQL twin of {@link #of}: the outcome code from a response code, a diagnostic id and an ICE-failed flag
     * (SQL expressions).
     */
    static String sql(String responseCode, String diagnosticId, String iceFailed) {
        String finalFailure = "COALESCE(" + responseCode + " >= 300, FALSE)";
        return "CASE WHEN " + finalFailure + " AND (" + responseCode + " IN (" + codes(EXPECTED_RESPONSES)
                + ") OR COALESCE(" + diagnosticId + " IN (" + codes(EXPECTED_DIAGNOSTICS) + "), FALSE)) THEN 1"
                + " WHEN " + finalFailure + " OR " + iceFailed + " THEN 2"
                + " WHEN COALESCE(" + diagnosticId + " IN (" + codes(DROP_DIAGNOSTICS) + "), FALSE) THEN 3"
                + " ELSE 0 END";
    }

    private static String codes(List<Entry> table) {
        return table.stream().map(entry -> Integer.toString(entry.code())).collect(Collectors.joining(", "));
    }
}
