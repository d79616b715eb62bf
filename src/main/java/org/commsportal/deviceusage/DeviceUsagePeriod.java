package org.commsportal.deviceusage;

/** The report periods, ending at the report date: the vendor API's D7..D180. */
public enum DeviceUsagePeriod {
    D7(7),
    D30(30),
    D90(90),
    D180(180);

    private final int days;

    DeviceUsagePeriod(int days) {
        this.days = days;
    }

    public int days() {
        return days;
    }

    public String label() {
        return "Last " + days + " days";
    }
}
