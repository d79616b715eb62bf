package org.commsportal.pstn;

import org.jspecify.annotations.Nullable;

/**
 * A PSTN call's type as the vendor's PSTN usage report names it (docs/pstn-usage.md): a user's own outbound or
 * inbound call, or a telephone party who dialled in to a conference or whom the conference called out to.
 */
public enum PstnCallType {
    USER_OUT("user_out", "Outbound", Direction.OUTBOUND),
    USER_IN("user_in", "Inbound", Direction.INBOUND),
    CONF_IN("conf_in", "Conference dial-in", Direction.INBOUND),
    CONF_OUT("conf_out", "Conference dial-out", Direction.OUTBOUND);

    /** Whether the telephone party was called (outbound) or called in (inbound). */
    public enum Direction {
        INBOUND("Inbound"),
        OUTBOUND("Outbound");

        private final String label;

        Direction(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String vendorName;
    private final String label;
    private final Direction direction;

    PstnCallType(String vendorName, String label, Direction direction) {
        this.vendorName = vendorName;
        this.label = label;
        this.direction = direction;
    }

    /** The vendor's call type name, as exports write it. */
    public String vendorName() {
        return vendorName;
    }

    public String label() {
        return label;
    }

    public Direction direction() {
        return direction;
    }

    /** The number stored in {@code pstn_call.call_type}. */
    public int code() {
        return ordinal() + 1;
    }

    public static @Nullable PstnCallType ofCode(int code) {
        return code >= 1 && code <= values().length ? values()[code - 1] : null;
    }
}
