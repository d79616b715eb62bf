package org.commsportal.common;

/** Whole minutes of a total duration, rounded half up; the total is summed in ms first, then rounded once. */
public final class Minutes {

    private Minutes() {}

    public static long of(long milliseconds) {
        return (milliseconds + 30_000) / 60_000;
    }
}
