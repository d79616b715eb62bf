package org.commsportal.alerts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.security.Roles;
import org.commsportal.tenant.CurrentTenant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in tenant's alert rules (global administrators change them, global readers read them; every change
 * audited) and its alert history (the roles that see the quality charts). docs/alerts-and-webhooks.md.
 */
@Service
public class AlertRules {

    /** Who may read the rules. */
    public static final String READ = "hasAnyRole('GLOBAL_ADMIN', 'GLOBAL_READER')";

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_MIN_SAMPLE = 1_000_000;
    public static final int MAX_COOLDOWN_MINUTES = 7 * 24 * 60;

    private final AlertRuleRepository repository;
    private final CurrentTenant currentTenant;
    private final AuditLog audit;
    private final Clock clock;

    AlertRules(AlertRuleRepository repository, CurrentTenant currentTenant, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.currentTenant = currentTenant;
        this.audit = audit;
        this.clock = clock;
    }

    @PreAuthorize(READ)
    @Transactional(readOnly = true)
    public List<AlertRule> rules() {
        return repository.rules(currentTenant.id());
    }

    /**
     * Creates a rule.
     *
     * @throws AlertProblem naming the field that is wrong
     */
    @PreAuthorize("hasRole('" + Roles.GLOBAL_ADMIN + "')")
    @Transactional
    public AlertRule create(AlertRuleInput input) {
        long tenantId = currentTenant.id();
        AlertRule rule = checked(tenantId, 0, null, input);
        String actor = SecurityContextHolder.getContext().getAuthentication().getName();
        long id = repository.insert(tenantId, rule, actor, clock.instant());
        repository.setRecipients(id, repository.accounts(tenantId, rule.recipients()));
        audit.recordChange(AuditAction.ALERT_RULE_CREATED, "Alert rule '" + rule.name() + "': " + summary(rule));
        return repository.rule(tenantId, id).orElseThrow();
    }

    /** Changes a rule; its firing state stays (a changed threshold is judged at the next evaluation). */
    @PreAuthorize("hasRole('" + Roles.GLOBAL_ADMIN + "')")
    @Transactional
    public AlertRule update(long id, AlertRuleInput input) {
        long tenantId = currentTenant.id();
        AlertRule before = repository
                .rule(tenantId, id)
                .orElseThrow(() -> new AlertProblem("This rule does not exist (any more)."));
        AlertRule rule = checked(tenantId, id, id, input);
        repository.update(tenantId, rule);
        repository.setRecipients(id, repository.accounts(tenantId, rule.recipients()));
        audit.recordChange(
                AuditAction.ALERT_RULE_CHANGED,
                "Alert rule '" + before.name() + "' from " + summary(before) + " to '" + rule.name() + "': "
                        + summary(rule));
        return repository.rule(tenantId, id).orElseThrow();
    }

    @PreAuthorize("hasRole('" + Roles.GLOBAL_ADMIN + "')")
    @Transactional
    public void delete(long id) {
        long tenantId = currentTenant.id();
        AlertRule rule = repository
                .rule(tenantId, id)
                .orElseThrow(() -> new AlertProblem("This rule does not exist (any more)."));
        repository.delete(tenantId, id);
        audit.recordChange(
                AuditAction.ALERT_RULE_DELETED,
                "Alert rule '" + rule.name() + "': " + summary(rule) + " (its history stays)");
    }

    /** The alert history, newest first. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public List<AlertEvent> history(int offset, int limit) {
        return repository.events(currentTenant.id(), offset, limit);
    }

    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public long historySize() {
        return repository.countEvents(currentTenant.id());
    }

    private static String summary(AlertRule rule) {
        return rule.describe() + (rule.enabled() ? "" : " (disabled)") + "; email to "
                + (rule.recipients().isEmpty() ? "nobody" : String.join(", ", rule.recipients()))
                + "; webhook " + (rule.webhookEndpointId() == null ? "none" : "#" + rule.webhookEndpointId());
    }

    private AlertRule checked(
            long tenantId, long id, @org.jspecify.annotations.Nullable Long exceptId, AlertRuleInput in) {
        String name = in.name().strip();
        if (name.isEmpty()) {
            throw new AlertProblem("Give the rule a name.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new AlertProblem("The name is longer than " + MAX_NAME_LENGTH + " characters.");
        }
        if (in.metric() == null) {
            throw new AlertProblem("Choose the figure the rule watches.");
        }
        if (in.window() == null) {
            throw new AlertProblem("Choose the window: the last hour or the last 24 hours.");
        }
        Double threshold = in.thresholdPercent();
        if (threshold == null || threshold.isNaN() || threshold <= 0 || threshold > 100) {
            throw new AlertProblem("The threshold must be a percentage above 0 and at most 100, not "
                    + (threshold == null
                            ? "empty"
                            : BigDecimal.valueOf(threshold).toPlainString()) + ".");
        }
        BigDecimal thresholdPercent = BigDecimal.valueOf(threshold).setScale(2, RoundingMode.HALF_UP);
        if (thresholdPercent.signum() <= 0) {
            throw new AlertProblem("The threshold must be at least 0.01 %.");
        }
        Integer minSample = in.minSample();
        if (minSample == null || minSample < 1 || minSample > MAX_MIN_SAMPLE) {
            throw new AlertProblem("The minimum sample must be between 1 and " + MAX_MIN_SAMPLE + " "
                    + in.metric().denominator() + ".");
        }
        Integer cooldown = in.cooldownMinutes();
        if (cooldown == null || cooldown < 0 || cooldown > MAX_COOLDOWN_MINUTES) {
            throw new AlertProblem("The cooldown must be between 0 and " + MAX_COOLDOWN_MINUTES + " minutes.");
        }
        if (in.modality() != null && !in.metric().hasModality()) {
            throw new AlertProblem("Ratings are of the whole call: leave the modality empty for "
                    + in.metric().label() + ".");
        }
        if (in.modality() != null
                && !List.of(
                                org.commsportal.sessions.Modality.AUDIO,
                                org.commsportal.sessions.Modality.VIDEO,
                                org.commsportal.sessions.Modality.APPLICATION_SHARING)
                        .contains(in.modality())) {
            throw new AlertProblem("The modality must be audio, video or application sharing.");
        }
        if (repository.nameTaken(tenantId, name, exceptId)) {
            throw new AlertProblem("A rule named '" + name + "' exists already.");
        }
        if (in.webhookEndpointId() != null && !repository.webhookOfTenant(tenantId, in.webhookEndpointId())) {
            throw new AlertProblem("The webhook must be one of this tenant's alert endpoints.");
        }
        Set<String> wanted = new LinkedHashSet<>();
        in.recipients().stream().map(String::strip).filter(r -> !r.isEmpty()).forEach(wanted::add);
        var found = repository.accounts(tenantId, new ArrayList<>(wanted));
        Set<String> foundNames = new java.util.HashSet<>();
        found.forEach(r -> foundNames.add(r.username().toLowerCase(java.util.Locale.ROOT)));
        List<String> unknown = wanted.stream()
                .filter(w -> !foundNames.contains(w.toLowerCase(java.util.Locale.ROOT)))
                .toList();
        if (!unknown.isEmpty()) {
            throw new AlertProblem("Alerts are emailed to enabled portal accounts of this tenant only; not one: "
                    + String.join(", ", unknown) + ".");
        }
        List<String> noAddress = found.stream()
                .map(AlertRuleRepository.Recipient::username)
                .filter(u -> !u.contains("@"))
                .toList();
        if (!noAddress.isEmpty()) {
            throw new AlertProblem(
                    "These accounts' sign-in names are not email addresses: " + String.join(", ", noAddress) + ".");
        }
        return new AlertRule(
                id,
                name,
                in.metric(),
                in.modality(),
                in.split(),
                in.window(),
                thresholdPercent,
                minSample,
                cooldown,
                in.webhookEndpointId(),
                found.stream().map(AlertRuleRepository.Recipient::username).toList(),
                in.enabled());
    }
}
