package org.commsportal.directory;

import java.util.Arrays;
import java.util.Optional;

/**
 * The vendor's calling plans a user may be assigned, by the service plan names of its PSTN minute pools report
 * (docs/pstn-minute-pools.md, "Calling plans"), with what each plan's minutes cover.
 */
public enum CallingPlan {
    MCOPSTN1("MCOPSTN1", "Domestic Calling Plan", false),
    MCOPSTN2("MCOPSTN2", "Domestic and International Calling Plan", true),
    MCOPSTN5("MCOPSTN5", "Domestic Calling Plan (120 minutes)", false),
    MCOPSTN6("MCOPSTN6", "Domestic Calling Plan (240 minutes)", false);

    private final String wireName;
    private final String description;
    private final boolean international;

    CallingPlan(String wireName, String description, boolean international) {
        this.wireName = wireName;
        this.description = description;
        this.international = international;
    }

    /** The name in ingested records and the database. */
    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    /** Whether the plan has an international pool besides its domestic one. */
    public boolean international() {
        return international;
    }

    public static Optional<CallingPlan> ofWireName(String name) {
        return Arrays.stream(values())
                .filter(plan -> plan.wireName.equalsIgnoreCase(name))
                .findFirst();
    }
}
