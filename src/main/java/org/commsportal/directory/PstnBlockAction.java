package org.commsportal.directory;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a user is blocked from PSTN calling, by the names senders use (docs/users-blocked.md, "Block actions"): the
 * vendor's users blocked report shows a "Block action" per blocked user without publishing its list of values, so
 * the portal names the two blocks its PSTN usage tells apart.
 */
public enum PstnBlockAction {
    BLOCKED_FOR_PSTN("BlockedForPstn", "Blocked for all PSTN calls"),
    INTERNATIONAL_CALLS_BLOCKED("InternationalCallsBlocked", "International calls blocked");

    private final String wireName;
    private final String label;

    PstnBlockAction(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    /** The name in ingested records, exports and the database. */
    public String wireName() {
        return wireName;
    }

    public String label() {
        return label;
    }

    public static Optional<PstnBlockAction> ofWireName(String name) {
        return Arrays.stream(values())
                .filter(action -> action.wireName.equals(name))
                .findFirst();
    }
}
