package org.commsportal.minutepools;

/** What a pool's minutes pay for: outbound calls inside the users' country, or to other countries. */
public enum PoolCapability {
    DOMESTIC("Domestic"),
    INTERNATIONAL("International");

    private final String label;

    PoolCapability(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
