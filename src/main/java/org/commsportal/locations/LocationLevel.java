package org.commsportal.locations;

/** The levels of the locations report, each a drill-down of the one before (docs/locations.md). */
public enum LocationLevel {
    REGION("Region"),
    CITY("City"),
    BUILDING("Building"),
    SUBNET("Subnet");

    private final String label;

    LocationLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
