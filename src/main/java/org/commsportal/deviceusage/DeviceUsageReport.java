package org.commsportal.deviceusage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.commsportal.common.ReportPeriod;

/**
 * The charts' data: distinct users per platform on each day of the period (zero days included), distinct users per
 * platform over the whole period (the distribution), and the most used unrecognised client versions.
 */
public record DeviceUsageReport(
        ReportPeriod period,
        LocalDate reportDate,
        Instant generatedAt,
        List<DeviceUsageDay> days,
        Map<Platform, Long> distribution,
        List<UnknownAgent> unknownAgents) {

    public long distribution(Platform platform) {
        return distribution.getOrDefault(platform, 0L);
    }
}
