package org.commsportal.graphapi;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.commsportal.common.ReportPeriod;
import org.jspecify.annotations.Nullable;

/**
 * One call as the URL segment spells it, e.g. {@code getSkypeForBusinessPeerToPeerActivityCounts(period='D7')}
 * or {@code getSkypeForBusinessActivityUserDetail(date=2026-11-01)}: a function and either a period or a date.
 */
record ReportCall(
        ReportFunction function,
        @Nullable ReportPeriod period,
        @Nullable LocalDate date) {

    private static final Pattern CALL = Pattern.compile("(\\w+)\\((\\w+)=([^)]*)\\)");
    private static final Pattern PERIOD = Pattern.compile("'?(D\\d+)'?");
    private static final Pattern DATE = Pattern.compile("'?(\\d{4}-\\d{2}-\\d{2})'?");

    static ReportCall parse(String segment) {
        Matcher call = CALL.matcher(segment);
        if (!call.matches()) {
            throw GraphApiException.badRequest("Expected a report function call such as "
                    + "getSkypeForBusinessPeerToPeerActivityCounts(period='D7'), not '" + segment + "'.");
        }
        ReportFunction function = ReportFunction.byUrlName(call.group(1))
                .orElseThrow(
                        () -> GraphApiException.badRequest("Unknown report function '" + call.group(1) + "'. Known: "
                                + Arrays.stream(ReportFunction.values())
                                        .map(ReportFunction::urlName)
                                        .collect(Collectors.joining(", "))
                                + "."));
        String parameter = call.group(2);
        String value = call.group(3);
        if (parameter.equals("period")) {
            return new ReportCall(function, period(value), null);
        }
        if (parameter.equals("date") && function.acceptsDate()) {
            return new ReportCall(function, null, date(value));
        }
        throw GraphApiException.badRequest("Unknown parameter '" + parameter + "' of " + function.urlName() + "; use "
                + (function.acceptsDate()
                        ? "period='D7' (D7, D30, D90, D180) or date=YYYY-MM-DD."
                        : "period='D7' (D7, D30, D90, D180)."));
    }

    private static ReportPeriod period(String value) {
        Matcher period = PERIOD.matcher(value);
        if (period.matches()) {
            for (ReportPeriod candidate : ReportPeriod.values()) {
                if (candidate.name().equals(period.group(1))) {
                    return candidate;
                }
            }
        }
        throw GraphApiException.badRequest("Invalid period " + value + "; use D7, D30, D90 or D180.");
    }

    private static LocalDate date(String value) {
        Matcher date = DATE.matcher(value);
        if (date.matches()) {
            try {
                return LocalDate.parse(date.group(1));
            } catch (DateTimeParseException notACalendarDate) {
                // falls through to the message below
            }
        }
        throw GraphApiException.badRequest("Invalid date " + value + "; use YYYY-MM-DD.");
    }

    /** The "Report Period" column: the period's days, or 1 for a single date. */
    String reportPeriod() {
        return period == null ? "1" : String.valueOf(period.days());
    }
}
