package org.commsportal.schedules;

/** Why a schedule cannot be saved or changed, in words for the person who tried. */
public class ScheduleProblem extends RuntimeException {

    ScheduleProblem(String message) {
        super(message);
    }
}
