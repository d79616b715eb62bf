package org.commsportal.minutepools;

import java.time.YearMonth;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.commsportal.directory.DirectoryChanged;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The month's plans of the latest directory version read, per tenant and month, and what each later directory
 * version changed: the users a write named, or the allowances (docs/pstn-minute-pools.md, "How it is read"). A newer
 * version's plans are the kept ones, priced again if an allowance changed, with those users read again, when every
 * version between is known here and they are few; otherwise all are read. A version is known only after its write
 * committed, and only on the node that wrote it: the others read all.
 */
@Component
class MonthPlansByVersion {

    /** Past this many users named since the kept plans, all are read again: one statement is then cheaper. */
    static final int MOST_USERS_READ_AGAIN = 10_000;

    /** Versions remembered per tenant, and their users at most, before the oldest are forgotten. */
    private static final int VERSIONS_KEPT = 256;

    private static final int USERS_KEPT = 50_000;

    /** Months of tenants kept (about 10 MB each at 100,000 users with plans). */
    private static final int MONTHS_KEPT = 4;

    private record Month(long tenantId, YearMonth month) {}

    private record Kept(long version, MonthPlans plans) {}

    /** What a directory version changed: the users its write named (lower-case UPNs), or the allowances. */
    private record Change(List<String> users, boolean allowances) {}

    private final Map<Month, Kept> kept = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Month, Kept> eldest) {
            return size() > MONTHS_KEPT;
        }
    };

    /** Per tenant, what each directory version changed, by version. */
    private final Map<Long, TreeMap<Long, Change>> changes = new LinkedHashMap<>();

    private final AtomicLong readsOfAll = new AtomicLong();
    private final AtomicLong readsOfSome = new AtomicLong();

    @TransactionalEventListener
    void directoryChanged(DirectoryChanged changed) {
        remember(changed.tenantId(), changed.directoryVersion(), new Change(List.copyOf(changed.upns()), false));
    }

    @TransactionalEventListener
    void allowancesChanged(AllowancesChanged changed) {
        remember(changed.tenantId(), changed.directoryVersion(), new Change(List.of(), true));
    }

    private void remember(long tenantId, long version, Change change) {
        synchronized (changes) {
            TreeMap<Long, Change> versions = changes.computeIfAbsent(tenantId, t -> new TreeMap<>());
            versions.put(version, change);
            int users =
                    versions.values().stream().mapToInt(c -> c.users().size()).sum();
            while (versions.size() > VERSIONS_KEPT || (users > USERS_KEPT && versions.size() > 1)) {
                users -= versions.pollFirstEntry().getValue().users().size();
            }
        }
    }

    /**
     * The month's plans at this directory version: kept, or the kept ones of an older version priced again by
     * {@code pricing} if an allowance changed since, with the users named since read by {@code readSome}, or all read
     * by {@code readAll}. Read the version before the plans, in the same transaction, so that all are of one snapshot.
     */
    MonthPlans get(
            long tenantId,
            YearMonth month,
            long version,
            Supplier<MonthPlans> readAll,
            Function<List<String>, List<MonthPlans.PlanUser>> readSome,
            Supplier<MonthPlans.Pricing> pricing) {
        Month key = new Month(tenantId, month);
        Kept before;
        synchronized (kept) {
            before = kept.get(key);
        }
        if (before != null && before.version() == version) {
            return before.plans();
        }
        MonthPlans plans = null;
        if (before != null && before.version() < version) {
            Change since = changedBetween(tenantId, before.version(), version);
            if (since != null) {
                MonthPlans priced = since.allowances() ? before.plans().pricedBy(pricing.get()) : before.plans();
                // the users read again are priced by the allowances of this snapshot, as the others now are
                List<String> users = since.users();
                plans = users.isEmpty() ? priced : priced.with(users, readSome.apply(users));
                readsOfSome.incrementAndGet();
            }
        }
        if (plans == null) {
            plans = readAll.get();
            readsOfAll.incrementAndGet();
        }
        synchronized (kept) {
            Kept now = kept.get(key);
            if (now == null || now.version() < version) {
                kept.put(key, new Kept(version, plans));
            }
        }
        return plans;
    }

    /**
     * What the versions after {@code from} up to {@code to} changed together: the users their writes named, and
     * whether an allowance changed; null when one of those versions is not known here or they name more than
     * {@link #MOST_USERS_READ_AGAIN} users.
     */
    private @Nullable Change changedBetween(long tenantId, long from, long to) {
        synchronized (changes) {
            TreeMap<Long, Change> versions = changes.get(tenantId);
            if (versions == null) {
                return null;
            }
            Set<String> users = new HashSet<>();
            boolean allowances = false;
            for (long version = from + 1; version <= to; version++) {
                Change change = versions.get(version);
                if (change == null) {
                    return null;
                }
                users.addAll(change.users());
                allowances |= change.allowances();
                if (users.size() > MOST_USERS_READ_AGAIN) {
                    return null;
                }
            }
            return new Change(List.copyOf(users), allowances);
        }
    }

    /**
     * How often all of a month's plans were read, and how often the kept ones were used again with only the changes
     * since (users read again, allowances priced again): for tests.
     */
    long[] reads() {
        return new long[] {readsOfAll.get(), readsOfSome.get()};
    }
}
