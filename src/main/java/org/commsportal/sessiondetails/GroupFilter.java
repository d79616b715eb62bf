package org.commsportal.sessiondetails;

import org.jspecify.annotations.Nullable;

/** One level of an opened group: the sessions whose shown value in the column equals the value (null: empty). */
public record GroupFilter(SessionColumn column, @Nullable String value) {

    public GroupFilter {
        if (!column.groupable()) {
            throw new IllegalArgumentException(column.header() + " cannot be grouped");
        }
    }
}
