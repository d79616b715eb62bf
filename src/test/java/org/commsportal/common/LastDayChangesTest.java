package org.commsportal.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Which users' last days a write moves forward and which it has recounted. */
class LastDayChangesTest {

    private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 30);

    @Test
    void a_user_whose_rows_only_grew_moves_each_kind_to_its_newest_added_day() {
        var changes = new LastDayChanges(REPORT_DATE, 3);
        changes.row(7, REPORT_DATE.minusDays(3), 0, 2);
        changes.row(7, REPORT_DATE.minusDays(1), 0, 1);
        changes.row(7, REPORT_DATE.minusDays(5), 2, 1);
        changes.row(7, REPORT_DATE.minusDays(2), 1, 0); // a row changed in other figures only

        assertThat(changes.recounted()).isEmpty();
        assertThat(changes.raised())
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsExactly(
                                7L,
                                Date.valueOf(REPORT_DATE.minusDays(1)),
                                null,
                                Date.valueOf(REPORT_DATE.minusDays(5))));
    }

    @Test
    void a_user_with_a_row_that_lost_sessions_is_recounted_and_not_moved() {
        var changes = new LastDayChanges(REPORT_DATE, 1);
        changes.row(3, REPORT_DATE, 0, 4);
        changes.row(3, REPORT_DATE.minusDays(9), 0, -1);
        changes.row(5, REPORT_DATE, 0, 1);

        assertThat(changes.recounted()).containsExactly(3L);
        assertThat(changes.raised())
                .singleElement()
                .satisfies(row -> assertThat(row[0]).isEqualTo(5L));
    }

    @Test
    void days_after_the_report_date_and_rows_without_a_change_move_nothing() {
        var changes = new LastDayChanges(REPORT_DATE, 1);
        changes.row(3, REPORT_DATE.plusDays(1), 0, -2);
        changes.row(4, REPORT_DATE.plusDays(1), 0, 2);
        changes.row(5, REPORT_DATE.minusDays(1), 0, 0);

        assertThat(changes.recounted()).isEmpty();
        assertThat(changes.raised()).isEmpty();
    }
}
