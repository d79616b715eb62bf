package org.commsportal.audit;

public enum AuditAction {
    SIGN_IN,
    SIGN_IN_FAILED,
    SIGN_OUT,
    ACCOUNT_CREATED,
    ACCOUNT_ENABLED,
    ACCOUNT_DISABLED,
    ROLES_CHANGED,
    PASSWORD_RESET,
    PASSWORD_CHANGED,
    TIME_ZONE_CHANGED,
    API_TOKEN_CREATED,
    API_TOKEN_REVOKED,
    INGESTION_KEY_CREATED,
    INGESTION_KEY_REVOKED,
    SETTING_CHANGED,
    EXPORT,
    /** A look at one user's sessions (session details report). */
    SESSION_SEARCH,
    /** A CsActiveUser* report read through the reporting web service (entity set, options, zone, rows). */
    ACTIVE_USERS_REQUESTED
}
