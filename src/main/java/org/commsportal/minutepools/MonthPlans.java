package org.commsportal.minutepools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commsportal.directory.CallingPlan;

/**
 * A month's calling plans as its pools count them (docs/pstn-minute-pools.md, "How it is read"): per country, the
 * users counted and their allowances summed, and per counted user (by lower-case UPN) their row. Built once per
 * version of the tenant's directory, then only read: the month's calls are summed into a {@link Used} of their own,
 * and a later version's plans are a copy with the users its writes named read again ({@link #with}). It names
 * users, so it never leaves the service.
 */
final class MonthPlans {

    /**
     * A counted user: their usage location, allowances summed over their plans in force, any plan international, and
     * those plans (a bit per {@link CallingPlan}, {@link #bit}), by which a change of the allowances prices them again.
     */
    record PlanUser(
            String upn,
            String country,
            long domesticTotal,
            long internationalTotal,
            boolean international,
            int plans) {}

    /** A plan's bit in {@link PlanUser#plans}. */
    static int bit(CallingPlan plan) {
        return 1 << plan.ordinal();
    }

    /** The minutes per user and month of a plan's pool of a capability in a country, as the month's plans count them. */
    interface Pricing {
        long minutes(CallingPlan plan, PoolCapability capability, String country);

        /**
         * The tenant's own minutes by plan and capability name ("MCOPSTN1 DOMESTIC") where set, else the defaults
         * ({@link Allowances}); 0 for a pool the plan does not have. The same as the SQL of the plans' read
         * ({@code MinutePoolRepository}).
         */
        static Pricing of(Map<String, Integer> tenantMinutes) {
            return (plan, capability, country) -> {
                if (!Allowances.has(plan, capability)) {
                    return 0;
                }
                Integer own = tenantMinutes.get(plan.wireName() + " " + capability.name());
                if (own != null) {
                    return own;
                }
                Integer byDefault = Allowances.defaultMinutes(plan, capability, country.toUpperCase(Locale.ROOT));
                return byDefault == null ? 0 : byDefault;
            };
        }
    }

    /** A country's users and allowances. */
    private static final class CountryPlans {
        private final String country;
        private long domesticUsers;
        private long domesticTotal;
        private long internationalUsers;
        private long internationalTotal;

        private CountryPlans(String country) {
            this.country = country;
        }

        private CountryPlans copy() {
            CountryPlans copy = new CountryPlans(country);
            copy.domesticUsers = domesticUsers;
            copy.domesticTotal = domesticTotal;
            copy.internationalUsers = internationalUsers;
            copy.internationalTotal = internationalTotal;
            return copy;
        }

        private void count(PlanUser user, int sign) {
            domesticUsers += sign;
            domesticTotal += sign * user.domesticTotal();
            if (user.international()) {
                internationalUsers += sign;
                internationalTotal += sign * user.internationalTotal();
            }
        }
    }

    /** A counted user and the index of their country: the same in every copy, countries are only appended. */
    private record Counted(PlanUser user, int country) {}

    private final List<CountryPlans> countries;
    private final Map<String, Integer> countryIndexes;
    private final Map<String, Counted> users;

    MonthPlans() {
        this(new ArrayList<>(), new HashMap<>(), new HashMap<>());
    }

    private MonthPlans(List<CountryPlans> countries, Map<String, Integer> countryIndexes, Map<String, Counted> users) {
        this.countries = countries;
        this.countryIndexes = countryIndexes;
        this.users = users;
    }

    /** Counts a user with plans in force in the month; only while the plans are read. */
    void add(PlanUser user) {
        int country = countryIndexes.computeIfAbsent(user.country(), c -> {
            countries.add(new CountryPlans(c));
            return countries.size() - 1;
        });
        countries.get(country).count(user, 1);
        users.put(user.upn(), new Counted(user, country));
    }

    /**
     * A copy in which these users (lower-case UPNs) count as {@code current} says: those of them it has are counted
     * with that row, the others not at all (no plan in force any more, no usage location, not licensed in the month).
     * This copy is left as it was: other requests may be reading it.
     */
    MonthPlans with(Collection<String> changed, Collection<PlanUser> current) {
        List<CountryPlans> copies = new ArrayList<>(countries.size());
        countries.forEach(plans -> copies.add(plans.copy()));
        MonthPlans copy = new MonthPlans(copies, new HashMap<>(countryIndexes), new HashMap<>(users));
        for (String upn : changed) {
            Counted before = copy.users.remove(upn);
            if (before != null) {
                copy.countries.get(before.country()).count(before.user(), -1);
            }
        }
        current.forEach(copy::add);
        return copy;
    }

    /**
     * A copy with every user's allowances priced again (after a change of the tenant's allowances): the same users in
     * the same countries, each plan's minutes from {@code pricing}. This copy is left as it was.
     */
    MonthPlans repriced(Pricing pricing) {
        List<CountryPlans> empty = new ArrayList<>(countries.size());
        countries.forEach(plans -> empty.add(new CountryPlans(plans.country)));
        MonthPlans copy = new MonthPlans(empty, new HashMap<>(countryIndexes), new HashMap<>(users.size() * 2));
        for (Counted counted : users.values()) {
            PlanUser user = counted.user();
            long domestic = 0;
            long international = 0;
            for (CallingPlan plan : CallingPlan.values()) {
                if ((user.plans() & bit(plan)) != 0) {
                    domestic += pricing.minutes(plan, PoolCapability.DOMESTIC, user.country());
                    international += pricing.minutes(plan, PoolCapability.INTERNATIONAL, user.country());
                }
            }
            PlanUser priced = new PlanUser(
                    user.upn(), user.country(), domestic, international, user.international(), user.plans());
            copy.countries.get(counted.country()).count(priced, 1);
            copy.users.put(user.upn(), new Counted(priced, counted.country()));
        }
        return copy;
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
            Counted counted = users.get(upn);
            if (counted == null) {
                return;
            }
            domesticMs[counted.country()] += domestic;
            if (counted.user().international()) {
                internationalMs[counted.country()] += international;
            }
        }

        /**
         * Every pool: each country's domestic pool, and its international pool when a user of it has one; a country
         * whose users all left it since the plans were first read has none, as when they are read afresh.
         */
        List<MinutePool> pools() {
            List<MinutePool> pools = new ArrayList<>();
            for (int i = 0; i < countries.size(); i++) {
                CountryPlans plans = countries.get(i);
                if (plans.domesticUsers == 0) {
                    continue;
                }
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
