package org.commsportal.audit;

public enum AuditAction {
    SIGN_IN,
    SIGN_IN_FAILED,
    SIGN_OUT,
    ACCOUNT_CREATED,
    SETTING_CHANGED,
    EXPORT,
    /** A look at one user's sessions (session details report). */
    SESSION_SEARCH
}
