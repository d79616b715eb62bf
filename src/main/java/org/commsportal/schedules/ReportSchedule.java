package org.commsportal.schedules;

import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * A scheduled report as its page lists it: the saved view, the recipient, the rule, what the message carries, when it
 * is due next in the recipient's zone, and why it is suspended, if it is.
 */
public record ReportSchedule(
        long id,
        long savedViewId,
        String viewName,
        String route,
        long recipientId,
        String recipient,
        ZoneId recipientZone,
        ScheduleRule rule,
        Delivery delivery,
        Instant nextDueAt,
        @Nullable String suspendedReason,
        @Nullable String lastSend,
        String createdBy) {

    public boolean suspended() {
        return suspendedReason != null;
    }
}
