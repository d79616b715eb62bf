package org.commsportal.pstn;

import java.time.LocalDate;
import java.util.Map;

/**
 * A UTC day's PSTN minutes: per call type, and domestic, international and unknown (a number or usage location
 * that names no country). Each figure is its calls' milliseconds summed, then rounded once (common/Minutes).
 */
public record PstnUsageDay(
        LocalDate day, Map<PstnCallType, Long> minutesByType, long domestic, long international, long unknown) {

    public long minutes(PstnCallType type) {
        return minutesByType.getOrDefault(type, 0L);
    }
}
