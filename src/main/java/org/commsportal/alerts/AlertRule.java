package org.commsportal.alerts;

import java.math.BigDecimal;
import java.util.List;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/**
 * A threshold rule: fires when the figure over the window reaches the threshold with at least the minimum sample
 * (per value of the split, or overall), at most once per cooldown, and resolves when it falls below again.
 */
public record AlertRule(
        long id,
        String name,
        AlertMetric metric,
        @Nullable Modality modality,
        @Nullable AlertScope split,
        AlertWindow window,
        BigDecimal thresholdPercent,
        int minSample,
        int cooldownMinutes,
        @Nullable Long webhookEndpointId,
        List<String> recipients,
        boolean enabled) {

    /** What the rule watches, in words: "Setup failure % of audio per VPN over the last hour". */
    public String describe() {
        return metric.label()
                + (modality == null ? "" : " of " + modality.label().toLowerCase(java.util.Locale.ROOT))
                + (split == null ? " overall" : " per " + split.title().toLowerCase(java.util.Locale.ROOT)) + ", "
                + window.label().toLowerCase(java.util.Locale.ROOT) + ", ≥ " + thresholdPercent.toPlainString()
                + " % with at least " + minSample + " " + metric.denominator() + ", cooldown " + cooldownMinutes
                + " min";
    }
}
