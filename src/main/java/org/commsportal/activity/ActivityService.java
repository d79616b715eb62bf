package org.commsportal.activity;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.commsportal.tenant.CurrentTenant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ActivityService {

    private final ActivityRepository activity;
    private final CurrentTenant currentTenant;
    private final Clock clock;

    ActivityService(ActivityRepository activity, CurrentTenant currentTenant, Clock clock) {
        this.activity = activity;
        this.currentTenant = currentTenant;
        this.clock = clock;
    }

    /** The last complete UTC day: reports end there. */
    public LocalDate reportDate() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
    }

    /** Peer-to-peer sessions per day and type for the period, for every role that may see the charts. */
    @PreAuthorize("hasAnyRole('GLOBAL_ADMIN', 'SFB_ADMIN', 'REPORTS_READER', 'GLOBAL_READER', 'USAGE_SUMMARY_READER')")
    @Transactional(readOnly = true)
    public ActivityReport activity(ReportPeriod period) {
        LocalDate to = reportDate();
        LocalDate from = to.minusDays(period.days() - 1L);
        Map<LocalDate, DailyActivity> stored = activity.dailyActivity(currentTenant.id(), from, to).stream()
                .collect(Collectors.toMap(DailyActivity::day, Function.identity()));
        List<DailyActivity> days = new ArrayList<>(period.days());
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(stored.getOrDefault(day, DailyActivity.none(day)));
        }
        return new ActivityReport(period, to, clock.instant(), days);
    }
}
