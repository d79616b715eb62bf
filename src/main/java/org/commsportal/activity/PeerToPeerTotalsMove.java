package org.commsportal.activity;

import java.time.LocalDate;
import org.commsportal.common.PeriodTotalsMove;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The peer-to-peer per-user period totals, moved nightly to the report date (common's PeriodTotalsSchedule). */
@Component
class PeerToPeerTotalsMove implements PeriodTotalsMove {

    private final UserPeriodTotals totals;
    private final ActivityService activity;

    PeerToPeerTotalsMove(UserPeriodTotals totals, ActivityService activity) {
        this.totals = totals;
        this.activity = activity;
    }

    @Override
    public String what() {
        return "peer-to-peer";
    }

    @Override
    public @Nullable LocalDate moveToReportDate() {
        LocalDate reportDate = activity.reportDate();
        return totals.moveTo(reportDate) ? reportDate : null;
    }
}
