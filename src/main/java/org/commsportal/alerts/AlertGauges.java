package org.commsportal.alerts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.commsportal.sessions.Modality;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Prometheus gauges of the figures the rules watch, over the last hour, per tenant and modality (docs/operations.md,
 * "Health and metrics"): {@code portal_quality_poor_streams_percent}, {@code portal_reliability_setup_failure_percent},
 * {@code portal_reliability_drop_failure_percent} (modality "all", "audio", "video", "application_sharing") and
 * {@code portal_feedback_poor_rating_percent} (per tenant). Never per split value, so the series stay few. Each node
 * refreshes them on its own schedule (reads only), so every node scraped reports them; NaN without a sample.
 */
@Component
public class AlertGauges {

    static final List<@Nullable Modality> MODALITIES =
            java.util.Arrays.asList(null, Modality.AUDIO, Modality.VIDEO, Modality.APPLICATION_SHARING);
    private static final Logger log = LoggerFactory.getLogger(AlertGauges.class);

    private final AlertFigures figures;
    private final TenantService tenants;
    private final CurrentTenant currentTenant;
    private final MeterRegistry registry;
    private final Clock clock;
    private final boolean enabled;
    private final Map<String, AtomicReference<Double>> values = new ConcurrentHashMap<>();

    AlertGauges(
            AlertFigures figures,
            TenantService tenants,
            CurrentTenant currentTenant,
            MeterRegistry registry,
            Clock clock,
            @Value("${portal.alerts.gauges:true}") boolean enabled) {
        this.figures = figures;
        this.tenants = tenants;
        this.currentTenant = currentTenant;
        this.registry = registry;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${portal.alerts.gauges-every:PT1M}", initialDelayString = "PT40S")
    void scheduled() {
        if (enabled) {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("Alert gauges not refreshed: {}", e.toString());
            }
        }
    }

    /** Reads every tenant's figures of the last hour into the gauges. */
    public void refresh() {
        Instant now = clock.instant();
        Instant from = now.minus(Duration.ofHours(1));
        for (Tenant tenant : tenants.all()) {
            currentTenant.runAs(tenant.id(), () -> {
                for (Modality modality : MODALITIES) {
                    set("portal.quality.poor.streams.percent", tenant, modality, AlertMetric.POOR_STREAMS, from, now);
                    set(
                            "portal.reliability.setup.failure.percent",
                            tenant,
                            modality,
                            AlertMetric.SETUP_FAILURES,
                            from,
                            now);
                    set(
                            "portal.reliability.drop.failure.percent",
                            tenant,
                            modality,
                            AlertMetric.DROP_FAILURES,
                            from,
                            now);
                }
                set("portal.feedback.poor.rating.percent", tenant, null, AlertMetric.POOR_RATINGS, from, now);
            });
        }
    }

    private void set(
            String name, Tenant tenant, @Nullable Modality modality, AlertMetric metric, Instant from, Instant now) {
        List<AlertFigure> overall = figures.figures(metric, modality, null, from, now);
        Double percent = overall.isEmpty() ? null : overall.get(0).percent();
        String modalityTag = modality == null ? "all" : modality.name().toLowerCase(java.util.Locale.ROOT);
        String key = name + "|" + tenant.name() + "|" + (metric.hasModality() ? modalityTag : "");
        values.computeIfAbsent(key, k -> {
                    var value = new AtomicReference<Double>(Double.NaN);
                    var builder = Gauge.builder(name, value, v -> v.get())
                            .description(metric.label() + " of the sessions started in the last hour")
                            .tag("tenant", tenant.name());
                    if (metric.hasModality()) {
                        builder.tag("modality", modalityTag);
                    }
                    builder.register(registry);
                    return value;
                })
                .set(percent == null ? Double.NaN : percent);
    }
}
