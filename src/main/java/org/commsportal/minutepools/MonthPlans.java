package org.commsportal.minutepools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A month's calling plans as its pools count them (docs/pstn-minute-pools.md, "How it is read"): per country, the
 * users counted and their allowances summed, and per counted user (by lower-case UPN) the country and whether a plan
 * of theirs is international. Built once per version of the tenant's directory, then only read: the month's calls are
 * summed into a {@link Used} of their own. It names users, so it never leaves the service.
 */
final class MonthPlans {

    /** A country's users and allowances; added to while the plans are read, never after. */
    private static final class CountryPlans {
        private final String country;
        private long domesticUsers;
        private long domesticTotal;
        private long internationalUsers;
        private long internationalTotal;

        private CountryPlans(String country) {
            this.country = country;
        }
    }

    private final List<CountryPlans> countries = new ArrayList<>();
    private final Map<String, Integer> countryIndexes = new HashMap<>();

    /** Per counted user: the index of the country times two, plus one when a plan of theirs is international. */
    private final Map<String, Integer> users = new HashMap<>();

    /** Counts a user with plans in force in the month, their allowances summed over those plans. */
    void add(String upn, String country, long domesticTotal, long internationalTotal, boolean international) {
        int index = countryIndexes.computeIfAbsent(country, c -> {
            countries.add(new CountryPlans(c));
            return countries.size() - 1;
        });
        CountryPlans plans = countries.get(index);
        plans.domesticUsers++;
        plans.domesticTotal += domesticTotal;
        if (international) {
            plans.internationalUsers++;
            plans.internationalTotal += internationalTotal;
        }
        users.put(upn, index * 2 + (international ? 1 : 0));
    }

    /** A sum of the month's outbound calls into these plans' pools. */
    Used used() {
        return new Used();
    }

    /** The month's outbound milliseconds per country, of the counted users only. */
    final class Used {
        private final long[] domesticMs = new long[countries.size()];
        private final long[] internationalMs = new long[countries.size()];

        /**
         * Adds a user's outbound milliseconds of the month to a number in their usage location and elsewhere: the
         * domestic ones to their country's domestic pool, the others to its international pool if a plan of theirs is
         * international; nothing for a user not counted (no plan in force, no usage location, not licensed).
         */
        void add(String upn, long domestic, long international) {
            Integer code = users.get(upn);
            if (code == null) {
                return;
            }
            domesticMs[code >> 1] += domestic;
            if ((code & 1) == 1) {
                internationalMs[code >> 1] += international;
            }
        }

        /** Every pool: each country's domestic pool, and its international pool when a user of it has one. */
        List<MinutePool> pools() {
            List<MinutePool> pools = new ArrayList<>();
            for (int i = 0; i < countries.size(); i++) {
                CountryPlans plans = countries.get(i);
                pools.add(pool(
                        PoolCapability.DOMESTIC,
                        plans.country,
                        plans.domesticUsers,
                        plans.domesticTotal,
                        domesticMs[i]));
                if (plans.internationalUsers > 0) {
                    pools.add(pool(
                            PoolCapability.INTERNATIONAL,
                            plans.country,
                            plans.internationalUsers,
                            plans.internationalTotal,
                            internationalMs[i]));
                }
            }
            return pools;
        }
    }

    /** A pool; its milliseconds used rounded to the nearest minute, half a minute up. */
    private static MinutePool pool(PoolCapability capability, String country, long users, long total, long usedMs) {
        long used = Math.floorDiv(usedMs + 30_000, 60_000);
        return new MinutePool(
                capability,
                country,
                users,
                total,
                used,
                total - used,
                total == 0 ? null : (used * 100 + total / 2) / total);
    }
}
