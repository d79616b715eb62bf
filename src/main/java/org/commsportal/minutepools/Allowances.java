package org.commsportal.minutepools;

import java.util.Set;
import org.commsportal.directory.CallingPlan;
import org.jspecify.annotations.Nullable;

/**
 * The vendor's published minutes per user and month of each calling plan (docs/pstn-minute-pools.md, "Default
 * allowances"): the domestic plans have 3,000 minutes in the United States, Canada and Puerto Rico and 1,200
 * elsewhere, or 120 / 240 for the small plans; the international plan adds 600 international minutes.
 */
public final class Allowances {

    /** The usage locations of the 3,000-minute domestic plans. */
    public static final Set<String> LARGE_DOMESTIC_COUNTRIES = Set.of("US", "CA", "PR");

    private Allowances() {}

    /** The default minutes of the plan's pool of the capability in the country, or null when it has no such pool. */
    public static @Nullable Integer defaultMinutes(CallingPlan plan, PoolCapability capability, String country) {
        if (capability == PoolCapability.INTERNATIONAL) {
            return plan.international() ? 600 : null;
        }
        return switch (plan) {
            case MCOPSTN5 -> 120;
            case MCOPSTN6 -> 240;
            case MCOPSTN1, MCOPSTN2 -> LARGE_DOMESTIC_COUNTRIES.contains(country) ? 3000 : 1200;
        };
    }

    /** Whether the plan has a pool of the capability. */
    public static boolean has(CallingPlan plan, PoolCapability capability) {
        return capability == PoolCapability.DOMESTIC || plan.international();
    }

    /** The default described for the settings page, such as "3000 in US, CA, PR; 1200 elsewhere". */
    public static String describeDefault(CallingPlan plan, PoolCapability capability) {
        Integer large = defaultMinutes(plan, capability, "US");
        Integer other = defaultMinutes(plan, capability, "DE");
        return java.util.Objects.equals(large, other)
                ? String.valueOf(other)
                : large + " in US, CA, PR; " + other + " elsewhere";
    }
}
