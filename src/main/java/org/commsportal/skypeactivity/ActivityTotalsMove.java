package org.commsportal.skypeactivity;

import java.time.LocalDate;
import org.commsportal.common.PeriodTotalsMove;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The activity, organizer and participant per-user period totals, moved nightly to the report date. */
@Component
class ActivityTotalsMove implements PeriodTotalsMove {

    private final ActivityPeriodTotals totals;
    private final SkypeActivityService activity;

    ActivityTotalsMove(ActivityPeriodTotals totals, SkypeActivityService activity) {
        this.totals = totals;
        this.activity = activity;
    }

    @Override
    public String what() {
        return "Skype for Business activity";
    }

    @Override
    public @Nullable LocalDate moveToReportDate() {
        LocalDate reportDate = activity.reportDate();
        return totals.moveTo(reportDate) ? reportDate : null;
    }
}
