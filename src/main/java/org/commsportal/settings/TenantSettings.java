package org.commsportal.settings;

import java.time.ZoneId;

/** The settings a global administrator changes on the settings page. */
public record TenantSettings(boolean displayConcealedNames, int retentionDays, ZoneId defaultTimeZone) {

    public static final int MIN_RETENTION_DAYS = 1;
    public static final int MAX_RETENTION_DAYS = 3650;

    public TenantSettings {
        if (retentionDays < MIN_RETENTION_DAYS || retentionDays > MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException(
                    "Retention must be between " + MIN_RETENTION_DAYS + " and " + MAX_RETENTION_DAYS + " days");
        }
    }
}
