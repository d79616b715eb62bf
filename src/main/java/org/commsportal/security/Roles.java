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

    private Roles() {
    }
}
