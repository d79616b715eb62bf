package org.commsportal.deviceusage;

import java.time.LocalDate;
import org.commsportal.common.PeriodTotalsMove;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The device usage per-user period totals, moved nightly to the report date. */
@Component
class DeviceTotalsMove implements PeriodTotalsMove {

    private final DevicePeriodTotals totals;
    private final DeviceUsageService deviceUsage;

    DeviceTotalsMove(DevicePeriodTotals totals, DeviceUsageService deviceUsage) {
        this.totals = totals;
        this.deviceUsage = deviceUsage;
    }

    @Override
    public String what() {
        return "device usage";
    }

    @Override
    public @Nullable LocalDate moveToReportDate() {
        LocalDate reportDate = deviceUsage.reportDate();
        return totals.moveTo(reportDate) ? reportDate : null;
    }
}
