package org.commsportal.activeusers;

/**
 * The tenant's active-user rows are being built from its raw sessions (once, for sessions stored before the rows
 * existed); the figures are available when the build ends.
 */
public class ActiveUsersNotReadyException extends RuntimeException {

    public ActiveUsersNotReadyException() {
        super("The active-user figures of this organization are being prepared from its stored sessions; "
                + "try again in a few minutes.");
    }
}
