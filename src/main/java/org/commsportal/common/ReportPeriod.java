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

    /** The last complete UTC day: reports end there. */
    public static java.time.LocalDate reportDate(java.time.Clock clock) {
        return java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC)).minusDays(1);
    }

    /** The first day of this period when it ends on the report date. */
    public java.time.LocalDate firstDay(java.time.LocalDate reportDate) {
        return reportDate.minusDays(days - 1L);
    }

    public String label() {
        return "Last " + days + " days";
    }
}
