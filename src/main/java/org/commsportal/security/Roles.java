package org.commsportal.security;

/** Role names as compile-time constants for {@code @RolesAllowed} and {@code @PreAuthorize}. */
public final class Roles {

    public static final String GLOBAL_ADMIN = "GLOBAL_ADMIN";
    public static final String SFB_ADMIN = "SFB_ADMIN";
    public static final String REPORTS_READER = "REPORTS_READER";
    public static final String GLOBAL_READER = "GLOBAL_READER";
    public static final String USAGE_SUMMARY_READER = "USAGE_SUMMARY_READER";
    public static final String BILLING_ADMIN = "BILLING_ADMIN";
    public static final String PASSWORD_ADMIN = "PASSWORD_ADMIN";
    public static final String USER_MANAGEMENT_ADMIN = "USER_MANAGEMENT_ADMIN";
    public static final String SERVICE_ADMIN = "SERVICE_ADMIN";

    /** {@code @PreAuthorize} expression: the roles that read the usage charts and counts (docs/privacy-and-roles.md). */
    public static final String READ_CHARTS =
            "hasAnyRole('GLOBAL_ADMIN', 'SFB_ADMIN', 'REPORTS_READER', 'GLOBAL_READER', 'USAGE_SUMMARY_READER')";
    /** {@code @PreAuthorize} expression: the roles that read the CsActiveUser* reports (every role, docs/privacy-and-roles.md). */
    public static final String READ_ACTIVE_USERS = "hasAnyRole('GLOBAL_ADMIN', 'SFB_ADMIN', 'REPORTS_READER', "
            + "'GLOBAL_READER', 'USAGE_SUMMARY_READER', 'BILLING_ADMIN', 'PASSWORD_ADMIN', 'USER_MANAGEMENT_ADMIN', "
            + "'SERVICE_ADMIN')";
    /** {@code @PreAuthorize} expression: the roles that read per-user data (global readers only concealed). */
    public static final String READ_PER_USER_DATA =
            "hasAnyRole('GLOBAL_ADMIN', 'SFB_ADMIN', 'REPORTS_READER', 'GLOBAL_READER')";

    private Roles() {}
}
