package org.commsportal.alerts;

import java.time.Duration;

/** The time a rule looks back from each evaluation: sessions that started in it count. */
public enum AlertWindow {
    HOUR(Duration.ofHours(1), "Last hour"),
    DAY(Duration.ofHours(24), "Last 24 hours");

    private final Duration length;
    private final String label;

    AlertWindow(Duration length, String label) {
        this.length = length;
        this.label = label;
    }

    public Duration length() {
        return length;
    }

    public String label() {
        return label;
    }
}
