package org.commsportal.common;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What a write's day-row differences do to per-user "last day" columns up to a report date (a period total's newest
 * day with a session, per kind). A user whose rows only grew keeps no row less, so each last day becomes the later of
 * the stored one and the newest day the write added: no look at the user's day rows. A user with a row that lost
 * sessions may have lost a day, so its last days are recounted. Days after the report date count for neither.
 */
public final class LastDayChanges {

    private final LocalDate reportDate;
    private final int columns;
    private final SortedSet<Long> recounted = new TreeSet<>();
    private final SortedMap<Long, @Nullable LocalDate[]> raised = new TreeMap<>();

    /** For {@code columns} last-day columns (kinds) of totals ending on the report date. */
    public LastDayChanges(LocalDate reportDate, int columns) {
        this.reportDate = reportDate;
        this.columns = columns;
    }

    /** One day row's difference in sessions: the user's, on the day, counted in the column (kind) given. */
    public void row(long userId, LocalDate day, int column, long sessions) {
        if (day.isAfter(reportDate)) {
            return;
        }
        if (sessions < 0) {
            recounted.add(userId);
        }
        @Nullable LocalDate[] days = raised.computeIfAbsent(userId, u -> new LocalDate[columns]);
        if (sessions > 0 && (days[column] == null || day.isAfter(days[column]))) {
            days[column] = day;
        }
    }

    /** The users, in id order, whose last days must be recounted from their day rows. */
    public SortedSet<Long> recounted() {
        return recounted;
    }

    /**
     * The other users whose rows gained sessions, in id order, each as its id and then per column the newest day the
     * write added (null: none), the rows of {@link AddingUpdate#raiseDates}.
     */
    public List<Object[]> raised() {
        List<Object[]> rows = new ArrayList<>();
        raised.forEach((userId, days) -> {
            if (!recounted.contains(userId) && java.util.Arrays.stream(days).anyMatch(d -> d != null)) {
                Object[] row = new Object[columns + 1];
                row[0] = userId;
                for (int c = 0; c < columns; c++) {
                    row[c + 1] = days[c] == null ? null : java.sql.Date.valueOf(days[c]);
                }
                rows.add(row);
            }
        });
        return rows;
    }
}
