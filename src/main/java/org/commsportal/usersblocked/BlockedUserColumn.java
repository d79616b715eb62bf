package org.commsportal.usersblocked;

import java.time.ZoneId;

/** The columns of the users blocked table, in the page's order, with their headers (docs/users-blocked.md). */
public enum BlockedUserColumn {
    USER("User"),
    ACTION("Block action"),
    REASON("Block action reason"),
    SINCE("Blocked since"),
    UNTIL("Blocked until");

    private final String header;

    BlockedUserColumn(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    /** The header naming the zone of the times, for the since and until columns. */
    public String header(ZoneId zone) {
        return this == SINCE || this == UNTIL ? header + " (" + zone.getId() + ")" : header;
    }
}
