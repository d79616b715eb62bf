package org.commsportal.periodfigures;

/** A zone with a midnight that is not on a UTC quarter-hour, so that its periods cannot be counted exactly. */
public class ZoneNotReportableException extends IllegalArgumentException {

    public ZoneNotReportableException(String message) {
        super(message);
    }
}
