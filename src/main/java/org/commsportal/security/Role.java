package org.commsportal.security;

import java.util.EnumSet;
import java.util.Set;

/** The roles of docs/privacy-and-roles.md. An account has one or more. */
public enum Role {
    GLOBAL_ADMIN("Global administrator"),
    SFB_ADMIN("Skype for Business administrator"),
    REPORTS_READER("Reports reader"),
    GLOBAL_READER("Global reader"),
    USAGE_SUMMARY_READER("Usage summary reports reader"),
    BILLING_ADMIN("Billing administrator"),
    PASSWORD_ADMIN("Password administrator"),
    USER_MANAGEMENT_ADMIN("User management administrator"),
    SERVICE_ADMIN("Service administrator");

    /** Roles whose holders see real user names unless the tenant conceals them. */
    public static final Set<Role> SEES_REAL_NAMES = EnumSet.of(GLOBAL_ADMIN, SFB_ADMIN, REPORTS_READER);

    /** Roles that may see per-user figures (tables, session details, exports); global readers see them concealed. */
    public static final Set<Role> READS_PER_USER_DATA =
            EnumSet.of(GLOBAL_ADMIN, SFB_ADMIN, REPORTS_READER, GLOBAL_READER);

    private final String title;

    Role(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The Spring Security authority, e.g. {@code ROLE_GLOBAL_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
