package org.commsportal.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commsportal.lease.JobLeases;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.TenantService;
import org.commsportal.webhooks.WebhookKind;
import org.commsportal.webhooks.Webhooks;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates every enabled rule periodically on one node (the lease {@value #LEASE}; docs/alerts-and-webhooks.md,
 * "Evaluation"): per series, a figure with at least the minimum sample that reaches the threshold fires, unless the
 * series is firing already or fired less than the cooldown ago; a firing series whose figure falls below the
 * threshold resolves. Each firing and resolving is written to the history with the webhook delivery in one
 * transaction, after its email was sent.
 */
@Component
public class AlertEvaluator {

    static final String LEASE = "alert-evaluation";
    private static final Duration LEASE_TIME = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

    private final AlertRuleRepository repository;
    private final AlertFigures figures;
    private final AlertMail mail;
    private final Webhooks webhooks;
    private final JobLeases leases;
    private final CurrentTenant currentTenant;
    private final TenantService tenants;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean enabled;

    AlertEvaluator(
            AlertRuleRepository repository,
            AlertFigures figures,
            AlertMail mail,
            Webhooks webhooks,
            JobLeases leases,
            CurrentTenant currentTenant,
            TenantService tenants,
            TransactionTemplate transactions,
            Clock clock,
            @Value("${portal.alerts.enabled:true}") boolean enabled) {
        this.repository = repository;
        this.figures = figures;
        this.mail = mail;
        this.webhooks = webhooks;
        this.leases = leases;
        this.currentTenant = currentTenant;
        this.tenants = tenants;
        this.transactions = transactions;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${portal.alerts.evaluate-every:PT1M}", initialDelayString = "PT30S")
    void scheduled() {
        if (enabled) {
            try {
                leases.runExclusively(
                        LEASE, LEASE_TIME, () -> tenantsWithRules().forEach(this::evaluate));
            } catch (RuntimeException e) {
                log.warn("Alert evaluation stopped: {}", e.toString());
            }
        }
    }

    List<Long> tenantsWithRules() {
        return repository.tenantsWithRules();
    }

    /** Evaluates the tenant's enabled rules now; returns the firings and resolvings it recorded. */
    public int evaluate(long tenantId) {
        return currentTenant.runAs(tenantId, () -> {
            int events = 0;
            for (AlertRule rule : repository.rules(tenantId)) {
                if (rule.enabled()) {
                    events += evaluate(tenantId, rule);
                }
            }
            return events;
        });
    }

    private int evaluate(long tenantId, AlertRule rule) {
        Instant now = clock.instant();
        Instant from = now.minus(rule.window().length());
        Map<String, AlertRuleRepository.State> states = repository.states(rule.id());
        double threshold = rule.thresholdPercent().doubleValue();
        int events = 0;
        for (AlertFigure figure : figures.figures(rule.metric(), rule.modality(), rule.split(), from, now)) {
            Double percent = figure.percent();
            if (percent == null || figure.denominator() < rule.minSample()) {
                continue; // too few to judge: a firing series stays firing
            }
            var state = states.getOrDefault(figure.series(), new AlertRuleRepository.State(false, null));
            boolean reached = percent >= threshold;
            if (reached && !state.firing() && outOfCooldown(state.lastFiredAt(), rule, now)) {
                record(tenantId, rule, figure, AlertEvent.Kind.FIRED, from, now);
                events++;
            } else if (!reached && state.firing()) {
                record(tenantId, rule, figure, AlertEvent.Kind.RESOLVED, from, now);
                events++;
            }
        }
        return events;
    }

    private static boolean outOfCooldown(@Nullable Instant lastFiredAt, AlertRule rule, Instant now) {
        return lastFiredAt == null || !now.isBefore(lastFiredAt.plus(Duration.ofMinutes(rule.cooldownMinutes())));
    }

    private void record(
            long tenantId, AlertRule rule, AlertFigure figure, AlertEvent.Kind kind, Instant from, Instant now) {
        double percent = figure.percent() == null ? 0 : figure.percent();
        String what = kind == AlertEvent.Kind.FIRED ? "fired" : "resolved";
        String subject = "[Comms Usage Portal] " + rule.name() + " " + what + ": "
                + rule.metric().label() + " "
                + String.format(java.util.Locale.ROOT, "%.2f", percent) + " %"
                + (rule.split() == null ? "" : " (" + figure.label() + ")");
        String text = subject.substring("[Comms Usage Portal] ".length()) + "\n\n"
                + rule.metric().label() + ": " + figure.numerator() + " "
                + rule.metric().numerator() + " of "
                + figure.denominator() + " " + rule.metric().denominator() + " = "
                + String.format(java.util.Locale.ROOT, "%.2f", percent) + " %\n"
                + "Threshold: " + rule.thresholdPercent().toPlainString() + " %\n"
                + "Series: " + figure.label() + "\n"
                + "Sessions started from " + from + " to " + now + " (UTC)\n"
                + "Rule: " + rule.describe() + "\n\n"
                + "The alert history of the portal (Call quality > Alert history) lists every firing and resolving.\n";
        String emailStatus = mail.send(
                repository.recipients(rule.id()).stream()
                        .map(AlertRuleRepository.Recipient::username)
                        .toList(),
                subject,
                text);
        transactions.executeWithoutResult(tx -> {
            String webhookStatus = "no webhook";
            if (rule.webhookEndpointId() != null) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("rule", rule.name());
                data.put("ruleId", rule.id());
                data.put("state", kind.name());
                data.put("metric", rule.metric().name());
                data.put(
                        "modality",
                        rule.modality() == null ? null : rule.modality().name());
                data.put("split", rule.split() == null ? null : rule.split().name());
                data.put("series", figure.series());
                data.put("seriesLabel", figure.label());
                data.put("percent", AlertRuleRepository.percent(percent));
                data.put("numerator", figure.numerator());
                data.put("denominator", figure.denominator());
                data.put("threshold", rule.thresholdPercent());
                data.put("minSample", rule.minSample());
                data.put("windowFrom", from.toString());
                data.put("windowTo", now.toString());
                String key = webhooks.enqueue(
                        rule.webhookEndpointId(),
                        WebhookKind.ALERTS,
                        kind == AlertEvent.Kind.FIRED ? "alert.fired" : "alert.resolved",
                        data);
                webhookStatus = key == null ? "webhook endpoint gone" : "queued as " + key;
            }
            repository.insertEvent(
                    tenantId,
                    rule.id(),
                    new AlertEvent(
                            0,
                            rule.name(),
                            figure.series(),
                            figure.label(),
                            kind,
                            now,
                            from,
                            now,
                            AlertRuleRepository.percent(percent),
                            figure.numerator(),
                            figure.denominator(),
                            rule.thresholdPercent(),
                            emailStatus,
                            webhookStatus));
            var previous = repository.states(rule.id()).get(figure.series());
            repository.setState(
                    rule.id(),
                    figure.series(),
                    new AlertRuleRepository.State(
                            kind == AlertEvent.Kind.FIRED,
                            kind == AlertEvent.Kind.FIRED ? now : previous == null ? null : previous.lastFiredAt()));
        });
    }
}
