package org.commsportal.usersblocked;

import java.time.Instant;
import org.commsportal.directory.PstnBlockAction;
import org.jspecify.annotations.Nullable;

/**
 * One block as the page shows it: the user's UPN or pseudonym, the action, the reason, when it started and when it
 * ended (null while in force).
 */
public record BlockedUserRow(
        String user,
        PstnBlockAction action,
        @Nullable String reason,
        Instant since,
        @Nullable Instant until) {

    /** The cell of a column, for exports. */
    public @Nullable Object valueOf(BlockedUserColumn column) {
        return switch (column) {
            case USER -> user;
            case ACTION -> action.wireName();
            case REASON -> reason;
            case SINCE -> since;
            case UNTIL -> until;
        };
    }
}
