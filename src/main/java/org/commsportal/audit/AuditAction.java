package org.commsportal.audit;

public enum AuditAction {
    SIGN_IN,
    SIGN_IN_FAILED,
    SIGN_OUT,
    /** A sign-in through the tenant's OpenID Connect provider (docs/operations.md, "Single sign-on"). */
    SSO_SIGN_IN,
    /** A single sign-on the portal refused: no mapped role, a token that failed its checks, a disabled account. */
    SSO_SIGN_IN_REFUSED,
    /** A change of the tenant's single sign-on provider, its sign-in restriction or its local exceptions. */
    SSO_PROVIDER_CHANGED,
    /** A change of the mapping from the provider's groups or roles to portal roles. */
    SSO_ROLE_MAPPING_CHANGED,
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
    ACTIVE_USERS_REQUESTED,
    /** A usage report's view saved by name (docs/pages.md, "Saved views"). */
    SAVED_VIEW_SAVED,
    SAVED_VIEW_DELETED,
    /** A scheduled report created, changed or deleted (docs/scheduled-reports.md). */
    SCHEDULE_CREATED,
    SCHEDULE_CHANGED,
    SCHEDULE_DELETED,
    /** A scheduled report stopped because its recipient may no longer open its view. */
    SCHEDULE_SUSPENDED,
    /** A scheduled report's recipient followed the unsubscribe link of a message. */
    SCHEDULE_UNSUBSCRIBED,
    /** A scheduled report's message accepted by the SMTP server, or given up after its retries. */
    SCHEDULED_REPORT_SENT,
    SCHEDULED_REPORT_FAILED,
    /** A webhook endpoint created or deleted (docs/alerts-and-webhooks.md). */
    WEBHOOK_CREATED,
    WEBHOOK_DELETED,
    /** A threshold alert rule created, changed or deleted (docs/alerts-and-webhooks.md). */
    ALERT_RULE_CREATED,
    ALERT_RULE_CHANGED,
    ALERT_RULE_DELETED,
    /** A building file uploaded as a new version and activated (docs/locations.md). */
    LOCATIONS_UPLOADED,
    /** A stored building file version activated again for its validity days (docs/locations.md). */
    LOCATIONS_ACTIVATED,
    /** An import uploaded on /admin/import: when it starts and when it ends, with its files and outcome. */
    IMPORT_UPLOAD,
    /** The tenant's PSTN rate table saved in the editor or from a file (docs/pstn-usage.md, "Charges"). */
    PSTN_RATES_CHANGED
}
