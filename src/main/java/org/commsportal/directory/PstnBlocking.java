package org.commsportal.directory;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a user record says of the user's PSTN blocking (docs/users-blocked.md): blocked with an action, a reason
 * and the instant of the block ({@code since}; null: the stored block's time, or the time of the write for a new
 * block), or not blocked. A record that says nothing of it carries no {@code PstnBlocking}.
 */
public record PstnBlocking(
        @Nullable PstnBlockAction action,
        @Nullable String reason,
        @Nullable Instant since) {

    /** The most characters a reason may have (the column's size). */
    public static final int MAX_REASON_LENGTH = 255;

    /** The record names no block: a stored block ends when the record is written. */
    public static final PstnBlocking NOT_BLOCKED = new PstnBlocking(null, null, null);

    public static PstnBlocking blocked(PstnBlockAction action, @Nullable String reason, @Nullable Instant since) {
        return new PstnBlocking(action, reason, since);
    }

    public boolean blocked() {
        return action != null;
    }
}
