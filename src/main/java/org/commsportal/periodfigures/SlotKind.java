package org.commsportal.periodfigures;

/** The kinds of quarter-hour rows of changeset 023 ({@code session_slot_figure.kind}). */
enum SlotKind {
    /** A peer-to-peer session of the tenant's records; one row a quarter-hour. */
    PEER_TO_PEER(0),
    /** A conference session whose To party (the organizer) is a licensed user; a row per conference. */
    ORGANIZED(1),
    /** A conference session whose From party (a participant) is a licensed user; one row a quarter-hour. */
    PARTICIPATED(2),
    /**
     * The sessions of {@link #ORGANIZED}, all conferences of a quarter-hour in one row (changeset 048): what the
     * minutes of such conferences sum, from a row a quarter-hour instead of a row per conference.
     */
    ORGANIZED_ALL(3);

    private final int code;

    SlotKind(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
