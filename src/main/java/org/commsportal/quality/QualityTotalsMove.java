package org.commsportal.quality;

import java.time.LocalDate;
import org.commsportal.common.PeriodTotalsMove;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The call quality per-user period totals (the worst users), moved nightly to the report date. */
@Component
class QualityTotalsMove implements PeriodTotalsMove {

    private final QualityPeriodTotals totals;
    private final QualityService quality;

    QualityTotalsMove(QualityPeriodTotals totals, QualityService quality) {
        this.totals = totals;
        this.quality = quality;
    }

    @Override
    public String what() {
        return "call quality";
    }

    @Override
    public @Nullable LocalDate moveToReportDate() {
        LocalDate reportDate = quality.reportDate();
        return totals.moveTo(reportDate) ? reportDate : null;
    }
}
