package org.commsportal.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which audit events to list: actor name containing a text, one action, and a time range [from, to); each part
 * is optional.
 */
public record AuditQuery(
        String actorContains,
        @Nullable AuditAction action,
        @Nullable Instant from,
        @Nullable Instant to) {

    public static final AuditQuery ALL = new AuditQuery("", null, null, null);

    public AuditQuery {
        actorContains = actorContains.strip();
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("The end of the time range must be after its start.");
        }
    }

    String describe() {
        return "actor contains \"" + actorContains + "\", action " + (action == null ? "any" : action.name())
                + ", from " + (from == null ? "the start" : from) + " to " + (to == null ? "now" : to);
    }
}
