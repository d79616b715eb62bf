package org.commsportal.alerts;

import java.math.BigDecimal;
import java.time.Instant;

/** A line of the alert history: a rule's series fired or resolved, with the figure that decided it. */
public record AlertEvent(
        long id,
        String ruleName,
        String series,
        String seriesLabel,
        Kind kind,
        Instant occurredAt,
        Instant windowFrom,
        Instant windowTo,
        BigDecimal percent,
        long numerator,
        long denominator,
        BigDecimal threshold,
        String emailStatus,
        String webhookStatus) {

    public enum Kind {
        FIRED,
        RESOLVED
    }
}
