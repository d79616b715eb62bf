package org.commsportal;

import java.util.Map;
import org.commsportal.security.Role;

/** The demo accounts the embedded start-up creates: one per role in each demo tenant, same password. */
public final class DemoAccounts {

    public static final String PASSWORD = "portal-demo-2026";
    public static final String CONTOSO = "contoso.example";
    public static final String FABRIKAM = "fabrikam.example";

    private static final Map<Role, String> NAMES = Map.of(
            Role.GLOBAL_ADMIN,
            "global.admin",
            Role.SFB_ADMIN,
            "sfb.admin",
            Role.REPORTS_READER,
            "reports.reader",
            Role.GLOBAL_READER,
            "global.reader",
            Role.USAGE_SUMMARY_READER,
            "usage.reader",
            Role.BILLING_ADMIN,
            "billing.admin",
            Role.PASSWORD_ADMIN,
            "password.admin",
            Role.USER_MANAGEMENT_ADMIN,
            "usermgmt.admin",
            Role.SERVICE_ADMIN,
            "service.admin");

    private DemoAccounts() {}

    /** The user name of the demo account with this role in a demo tenant (contoso's have no suffix). */
    public static String username(Role role, String tenant) {
        return NAMES.get(role) + (tenant.equals(CONTOSO) ? "" : "@" + tenant);
    }
}
