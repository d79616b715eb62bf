package org.commsportal.pstn;

import java.time.ZoneId;

/** The columns of the PSTN usage table, in the page's order, with their headers (docs/pstn-usage.md). */
public enum PstnCallColumn {
    START_TIME("Start time"),
    USER("User"),
    USER_NUMBER("User number"),
    OTHER_NUMBER("Other number"),
    CALL_TYPE("Call type"),
    DIRECTION("Direction"),
    COUNTRY("Destination country"),
    DOMESTIC("Domestic / international"),
    DURATION("Duration (seconds)"),
    CHARGE("Charge"),
    CURRENCY("Currency");

    private final String header;

    PstnCallColumn(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    /** The header naming the zone of the times, for the start time. */
    public String header(ZoneId zone) {
        return this == START_TIME ? header + " (" + zone.getId() + ")" : header;
    }
}
