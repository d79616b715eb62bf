package org.commsportal.activeusers;

/** A time zone whose period boundaries the active-user counts cannot represent exactly (none in use today). */
public class UnsupportedZoneException extends IllegalArgumentException {

    public UnsupportedZoneException(String message) {
        super(message);
    }
}
