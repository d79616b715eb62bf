package org.commsportal.common;

/** The report periods of every usage report (docs/peer-to-peer-activity.md), also the vendor API's D7..D180. */
public enum ReportPeriod {
    D7(7),
    D30(30),
    D90(90),
    D180(180);

    private final int days;

    ReportPeriod(int days) {
        this.days = days;
    }

    public int days() {
        return days;
    }

    public String label() {
        return "Last " + days + " days";
    }
}
