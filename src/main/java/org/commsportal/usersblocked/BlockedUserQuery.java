package org.commsportal.usersblocked;

import java.time.LocalDate;
import org.commsportal.directory.PstnBlockAction;
import org.jspecify.annotations.Nullable;

/**
 * What the users blocked table shows: the blocks in force at some moment of a day of the viewer's zone, whose shown
 * user contains the text, of one action when chosen, in a sort order.
 */
public record BlockedUserQuery(
        LocalDate day,
        String userContains,
        @Nullable PstnBlockAction action,
        BlockedUserColumn sortColumn,
        boolean ascending) {

    public BlockedUserQuery {
        userContains = userContains.strip();
    }

    /** The day's blocks, latest first. */
    public static BlockedUserQuery of(LocalDate day) {
        return new BlockedUserQuery(day, "", null, BlockedUserColumn.SINCE, false);
    }

    public BlockedUserQuery withDay(LocalDate newDay) {
        return new BlockedUserQuery(newDay, userContains, action, sortColumn, ascending);
    }

    public BlockedUserQuery withUserContains(String text) {
        return new BlockedUserQuery(day, text, action, sortColumn, ascending);
    }

    public BlockedUserQuery withAction(@Nullable PstnBlockAction newAction) {
        return new BlockedUserQuery(day, userContains, newAction, sortColumn, ascending);
    }

    public BlockedUserQuery sortedBy(BlockedUserColumn column, boolean ascendingOrder) {
        return new BlockedUserQuery(day, userContains, action, column, ascendingOrder);
    }
}
