package org.commsportal.alerts;

import java.util.List;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/** A rule as a form or a caller gives it, checked by {@link AlertRules} with a clear error for each field. */
public record AlertRuleInput(
        String name,
        @Nullable AlertMetric metric,
        @Nullable Modality modality,
        @Nullable AlertScope split,
        @Nullable AlertWindow window,
        @Nullable Double thresholdPercent,
        @Nullable Integer minSample,
        @Nullable Integer cooldownMinutes,
        @Nullable Long webhookEndpointId,
        List<String> recipients,
        boolean enabled) {}
