package org.commsportal.alerts;

/** A rule the alerts refuse, with a message for the person who typed it; nothing was written. */
public class AlertProblem extends IllegalArgumentException {

    public AlertProblem(String message) {
        super(message);
    }
}
