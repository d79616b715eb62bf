package org.commsportal.minutepools;

/** The columns of the minute pools table, in the page's order, with their headers (docs/pstn-minute-pools.md). */
public enum MinutePoolColumn {
    CAPABILITY("Capability"),
    COUNTRY("Country or region"),
    USERS("Users"),
    TOTAL("Total minutes"),
    USED("Minutes used"),
    LEFT("Minutes left"),
    PERCENT_USED("Percent used");

    private final String header;

    MinutePoolColumn(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }
}
