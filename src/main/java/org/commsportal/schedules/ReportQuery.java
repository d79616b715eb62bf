package org.commsportal.schedules;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.commsportal.common.ReportPeriod;
import org.jspecify.annotations.Nullable;

/**
 * A saved view's link parameters (docs/pages.md#links) read as a report page reads them: a parameter that does not
 * fit is left out, as the page leaves it out.
 */
record ReportQuery(
        ReportPeriod period,
        @Nullable LocalDate day,
        String user,
        @Nullable String sort,
        boolean ascending,
        @Nullable List<String> columns) {

    static ReportQuery parse(String query) {
        ReportPeriod period = ReportPeriod.D7;
        LocalDate day = null;
        String user = "";
        String sort = null;
        boolean ascending = true;
        List<String> columns = null;
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            String name = decode(nameAndValue[0]);
            String value = nameAndValue.length == 2 ? decode(nameAndValue[1]) : "";
            switch (name) {
                case "period" ->
                    period = Arrays.stream(ReportPeriod.values())
                            .filter(p -> p.name().equals(value))
                            .findFirst()
                            .orElse(period);
                case "day" -> {
                    try {
                        day = LocalDate.parse(value);
                    } catch (DateTimeParseException notADate) {
                        day = null;
                    }
                }
                case "user" -> user = value.strip();
                case "sort" -> sort = value;
                case "order" -> ascending = !value.equals("desc");
                case "columns" -> columns = new ArrayList<>(Arrays.asList(value.split(",")));
                default -> {}
            }
        }
        return new ReportQuery(period, day, user, sort, ascending, columns);
    }

    /** A page's own parameter (such as the PSTN page's country), or null when the address has none. */
    static @Nullable String value(String query, String parameter) {
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            if (decode(nameAndValue[0]).equals(parameter)) {
                return nameAndValue.length == 2 ? decode(nameAndValue[1]) : "";
            }
        }
        return null;
    }

    /** A page's own parameter naming a constant in any case ({@code direction=inbound}), or null when none fits. */
    static <E extends Enum<E>> @Nullable E constant(String query, String parameter, Class<E> type) {
        String value = value(query, parameter);
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equalsIgnoreCase(value))
                .findFirst()
                .orElse(null);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }

    /** The chosen day if it lies in the period ending on {@code reportDate}; a day of an older period is dropped. */
    @Nullable
    LocalDate dayWithin(LocalDate reportDate) {
        LocalDate chosen = day;
        return chosen != null && !chosen.isBefore(period.firstDay(reportDate)) && !chosen.isAfter(reportDate)
                ? chosen
                : null;
    }

    /** The chosen columns of {@code all} in their order; all of them when none is chosen or none fits. */
    <C extends Enum<C>> List<C> columnsOf(List<C> all) {
        List<String> chosen = columns;
        if (chosen == null) {
            return all;
        }
        List<C> kept = all.stream().filter(c -> chosen.contains(c.name())).toList();
        return kept.isEmpty() ? all : kept;
    }

    /** The sort column if it is one of the shown columns. */
    <C extends Enum<C>> @Nullable C sortOf(List<C> shown) {
        return shown.stream().filter(c -> c.name().equals(sort)).findFirst().orElse(null);
    }
}
