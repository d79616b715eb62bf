package org.commsportal.schedules;

import java.time.DayOfWeek;
import org.jspecify.annotations.Nullable;

/**
 * What a person asks to schedule: which saved view, for which account (their own unless they are a global
 * administrator), how often and when (hour and minute in the recipient's zone), and what the message carries.
 */
public record ScheduleRequest(
        long savedViewId,
        long recipientId,
        Frequency frequency,
        @Nullable DayOfWeek dayOfWeek,
        @Nullable Integer dayOfMonth,
        int hour,
        int minute,
        Delivery delivery) {}
