package org.commsportal.demo;

import java.time.LocalDate;

/**
 * What to generate: {@code tenants} tenants of {@code users} users each, with sessions on the {@code days}
 * UTC days that end with {@code lastDay}. The same spec always yields the same rows.
 */
public record DemoDataSpec(long seed, int tenants, int users, int days, LocalDate lastDay) {

    public DemoDataSpec {
        if (tenants < 1 || tenants > DemoDataGenerator.TENANT_NAMES.size()) {
            throw new IllegalArgumentException("tenants must be 1.." + DemoDataGenerator.TENANT_NAMES.size());
        }
        if (users < 2 || days < 1) {
            throw new IllegalArgumentException("at least 2 users and 1 day are needed");
        }
    }

    public LocalDate firstDay() {
        return lastDay.minusDays(days - 1L);
    }
}
