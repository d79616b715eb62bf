package org.commsportal.minutepools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commsportal.directory.CallingPlan;

/**
 * A month's calling plans as its pools count them (docs/pstn-minute-pools.md, "How it is read"): per country, how many
 * counted users have each combination of plans, and per counted user (by lower-case UPN) their country and plans; the
 * allowances come from a {@link Pricing} when the pools are made. Built once per version of the tenant's directory,
 * then only read: the month's calls are summed into a {@link Used} of their own, a later version's plans are a copy
 * with the users its writes named read again ({@link #with}), and a change of the allowances only swaps the pricing
 * ({@link #pricedBy}). It names users, so it never leaves the service.
 */
final class MonthPlans {

    /** A counted user: their usage location and their plans in force (a bit per {@link CallingPlan}, {@link #bit}). */
    record PlanUser(String upn, String country, int plans) {}

    /** A plan's bit in {@link PlanUser#plans}. */
    static int bit(CallingPlan plan) {
        return 1 << plan.ordinal();
    }

    private static final int COMBINATIONS = 1 << CallingPlan.values().length;

    /** The plans a combination holds that are international. */
    private static final int INTERNATIONAL_PLANS = java.util.Arrays.stream(CallingPlan.values())
            .filter(CallingPlan::international)
            .mapToInt(MonthPlans::bit)
            .reduce(0, (a, b) -> a | b);

    /** The minutes per user and month of a plan's pool of a capability in a country, as the month's plans count them. */
    interface Pricing {
        long minutes(CallingPlan plan, PoolCapability capability, String country);

        /**
         * The tenant's own minutes by plan and capability name ("MCOPSTN1 DOMESTIC") where set, else the defaults of
         * the plan in the country ({@link Allowances}); 0 for a pool the plan does not have.
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

    /** A country's counted users per combination of plans. */
    private record CountryPlans(String country, int[] users) {

        private CountryPlans(String country) {
            this(country, new int[COMBINATIONS]);
        }

        private CountryPlans copy() {
            return new CountryPlans(country, users.clone());
        }
    }

    /** A counted user's plans and the index of their country: the same in every copy, countries are only appended. */
    private record Counted(int plans, int country) {}

    private final List<CountryPlans> countries;
    private final Map<String, Integer> countryIndexes;
    private final Map<String, Counted> users;
    private final Pricing pricing;

    MonthPlans(Pricing pricing) {
        this(new ArrayList<>(), new HashMap<>(), new HashMap<>(), pricing);
    }

    private MonthPlans(
            List<CountryPlans> countries,
            Map<String, Integer> countryIndexes,
            Map<String, Counted> users,
            Pricing pricing) {
        this.countries = countries;
        this.countryIndexes = countryIndexes;
        this.users = users;
        this.pricing = pricing;
    }

    /** Counts a user with plans in force in the month; only while the plans are read. */
    void add(PlanUser user) {
        int country = countryIndexes.computeIfAbsent(user.country(), c -> {
            countries.add(new CountryPlans(c));
            return countries.size() - 1;
        });
        countries.get(country).users()[user.plans()]++;
        users.put(user.upn(), new Counted(user.plans(), country));
    }

    /**
     * A copy in which these users (lower-case UPNs) count as {@code current} says: those of them it has are counted
     * with that row, the others not at all (no plan in force any more, no usage location, not licensed in the month).
     * This copy is left as it was: other requests may be reading it.
     */
    MonthPlans with(Collection<String> changed, Collection<PlanUser> current) {
        List<CountryPlans> copies = new ArrayList<>(countries.size());
        countries.forEach(plans -> copies.add(plans.copy()));
        MonthPlans copy = new MonthPlans(copies, new HashMap<>(countryIndexes), new HashMap<>(users), pricing);
        for (String upn : changed) {
            Counted before = copy.users.remove(upn);
            if (before != null) {
                copy.countries.get(before.country()).users()[before.plans()]--;
            }
        }
        current.forEach(copy::add);
        return copy;
    }

    /**
     * The same users and plans priced by other allowances (after a change of the tenant's): nothing is copied, as
     * neither is changed once read.
     */
    MonthPlans pricedBy(Pricing other) {
        return new MonthPlans(countries, countryIndexes, users, other);
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
            if ((counted.plans() & INTERNATIONAL_PLANS) != 0) {
                internationalMs[counted.country()] += international;
            }
        }

        /**
         * Every pool: each country's domestic pool (every counted user, the domestic minutes of each of their plans),
         * and its international pool when a user of it has an international plan (those users, the international
         * minutes of their plans); a country whose users all left it since the plans were first read has none, as when
         * they are read afresh.
         */
        List<MinutePool> pools() {
            List<MinutePool> pools = new ArrayList<>();
            for (int i = 0; i < countries.size(); i++) {
                CountryPlans plans = countries.get(i);
                long domesticUsers = 0;
                long domesticTotal = 0;
                long internationalUsers = 0;
                long internationalTotal = 0;
                for (int combination = 0; combination < COMBINATIONS; combination++) {
                    int users = plans.users()[combination];
                    if (users == 0) {
                        continue;
                    }
                    domesticUsers += users;
                    domesticTotal += users * minutes(combination, PoolCapability.DOMESTIC, plans.country());
                    if ((combination & INTERNATIONAL_PLANS) != 0) {
                        internationalUsers += users;
                        internationalTotal +=
                                users * minutes(combination, PoolCapability.INTERNATIONAL, plans.country());
                    }
                }
                if (domesticUsers == 0) {
                    continue;
                }
                pools.add(pool(PoolCapability.DOMESTIC, plans.country(), domesticUsers, domesticTotal, domesticMs[i]));
                if (internationalUsers > 0) {
                    pools.add(pool(
                            PoolCapability.INTERNATIONAL,
                            plans.country(),
                            internationalUsers,
                            internationalTotal,
                            internationalMs[i]));
                }
            }
            return pools;
        }
    }

    /** A user's minutes of a capability with these plans in the country: the sum over the plans. */
    private long minutes(int combination, PoolCapability capability, String country) {
        long minutes = 0;
        for (CallingPlan plan : CallingPlan.values()) {
            if ((combination & bit(plan)) != 0) {
                minutes += pricing.minutes(plan, capability, country);
            }
        }
        return minutes;
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
