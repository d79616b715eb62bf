package org.commsportal.rws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commsportal.activeusers.ActiveUserPeriod;

/** One entity set: a report and a period length, e.g. {@code CsConferenceWeekly}. */
record EntitySet(ReportKind kind, ActiveUserPeriod period) {

    /** Every entity set, report by report, Daily to Yearly: the order of the service document and $metadata. */
    static final List<EntitySet> ALL = all();

    String name() {
        return kind.prefix() + suffix(period);
    }

    static Optional<EntitySet> byName(String name) {
        return ALL.stream().filter(set -> set.name().equals(name)).findFirst();
    }

    static String names() {
        return String.join(", ", ALL.stream().map(EntitySet::name).toList());
    }

    private static String suffix(ActiveUserPeriod period) {
        return switch (period) {
            case DAILY -> "Daily";
            case WEEKLY -> "Weekly";
            case MONTHLY -> "Monthly";
            case YEARLY -> "Yearly";
        };
    }

    private static List<EntitySet> all() {
        List<EntitySet> sets = new ArrayList<>();
        for (ReportKind kind : ReportKind.values()) {
            for (ActiveUserPeriod period : ActiveUserPeriod.values()) {
                if (period != ActiveUserPeriod.YEARLY || kind.yearly()) {
                    sets.add(new EntitySet(kind, period));
                }
            }
        }
        return List.copyOf(sets);
    }
}
