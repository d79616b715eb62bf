package org.commsportal.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.commsportal.locations.LocationService;
import org.commsportal.quality.QualityService;
import org.commsportal.quality.QualitySplit;
import org.commsportal.quality.QualityWindowCounts;
import org.commsportal.reliability.FeedbackCounts;
import org.commsportal.reliability.ReliabilityCounts;
import org.commsportal.reliability.ReliabilityService;
import org.commsportal.reliability.ReliabilitySplit;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The figures rules and gauges watch, for the tenant the job runs as: read through the call quality and reliability
 * services from their read models' stream, session and rating rows of the window (docs/alerts-and-webhooks.md,
 * "Figures"), computed as those pages compute them.
 */
@Component
class AlertFigures {

    private final QualityService quality;
    private final ReliabilityService reliability;
    private final LocationService locations;

    AlertFigures(QualityService quality, ReliabilityService reliability, LocationService locations) {
        this.quality = quality;
        this.reliability = reliability;
        this.locations = locations;
    }

    /**
     * The figure per value of the scope (one series '' without one), sessions started in [from, to). A building's
     * counts are those of the subnets the building file that applies on the window's last day maps to it; streams of
     * unmapped subnets belong to no building.
     */
    List<AlertFigure> figures(
            AlertMetric metric, @Nullable Modality modality, @Nullable AlertScope scope, Instant from, Instant to) {
        @Nullable QualitySplit split = scope == null ? null : scope.readBy();
        @Nullable ReliabilitySplit reliabilitySplit = split == null ? null : ReliabilitySplit.valueOf(split.name());
        Map<String, long[]> counts = new TreeMap<>();
        switch (metric) {
            case POOR_STREAMS -> {
                for (QualityWindowCounts c : quality.window(from, to, split)) {
                    if (modality == null || c.modality() == modality) {
                        long[] sum = counts.computeIfAbsent(c.splitValue(), v -> new long[2]);
                        sum[0] += c.poor();
                        sum[1] += c.classified();
                    }
                }
            }
            case SETUP_FAILURES, DROP_FAILURES -> {
                for (Map.Entry<String, ReliabilityCounts> e :
                        reliability.window(from, to, modality, reliabilitySplit).entrySet()) {
                    ReliabilityCounts c = e.getValue();
                    counts.put(
                            e.getKey(),
                            metric == AlertMetric.SETUP_FAILURES
                                    ? new long[] {c.setupFailures(), c.attempts()}
                                    : new long[] {c.drops(), c.established()});
                }
            }
            case POOR_RATINGS -> {
                for (Map.Entry<String, FeedbackCounts> e :
                        reliability.feedbackWindow(from, to, reliabilitySplit).entrySet()) {
                    counts.put(
                            e.getKey(),
                            new long[] {e.getValue().poor(), e.getValue().rated()});
                }
            }
        }
        if (scope == AlertScope.BUILDING) {
            counts = byBuilding(counts, to.minusMillis(1).atZone(ZoneOffset.UTC).toLocalDate());
        }
        List<AlertFigure> figures = new ArrayList<>();
        counts.forEach((value, c) ->
                figures.add(new AlertFigure(value, scope == null ? "Overall" : scope.label(value), c[0], c[1])));
        return figures;
    }

    private Map<String, long[]> byBuilding(Map<String, long[]> bySubnet, LocalDate day) {
        Map<String, String> buildings = locations.buildingsOfSubnets(day);
        Map<String, long[]> counts = new TreeMap<>();
        bySubnet.forEach((subnet, c) -> {
            String building = buildings.get(subnet);
            if (building != null) {
                long[] sum = counts.computeIfAbsent(building, b -> new long[2]);
                sum[0] += c[0];
                sum[1] += c[1];
            }
        });
        return counts;
    }
}
