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
 * The month's plans of the latest directory version read, per tenant and month, and which users each later
 * directory version's write named (docs/pstn-minute-pools.md, "How it is read"). A newer version's plans are the
 * kept ones with those users read again, when every version between is known here and they are few; otherwise all
 * are read. A version is known only after its write committed, and only on the node that wrote it: the others, and a
 * change of the allowances (which names no user), read all.
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

    private final Map<Month, Kept> kept = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Month, Kept> eldest) {
            return size() > MONTHS_KEPT;
        }
    };

    /** Per tenant, the users each directory version's write named (lower-case UPNs), by version. */
    private final Map<Long, TreeMap<Long, List<String>>> named = new LinkedHashMap<>();

    private final AtomicLong readsOfAll = new AtomicLong();
    private final AtomicLong readsOfSome = new AtomicLong();

    @TransactionalEventListener
    void directoryChanged(DirectoryChanged changed) {
        synchronized (named) {
            TreeMap<Long, List<String>> versions = named.computeIfAbsent(changed.tenantId(), t -> new TreeMap<>());
            versions.put(changed.directoryVersion(), List.copyOf(changed.upns()));
            int users = versions.values().stream().mapToInt(List::size).sum();
            while (versions.size() > VERSIONS_KEPT || (users > USERS_KEPT && versions.size() > 1)) {
                users -= versions.pollFirstEntry().getValue().size();
            }
        }
    }

    /**
     * The month's plans at this directory version: kept, or the kept ones of an older version with the users named
     * since read by {@code readSome}, or all read by {@code readAll}. Read the version before the plans, in the same
     * transaction, so that both are of one snapshot.
     */
    MonthPlans get(
            long tenantId,
            YearMonth month,
            long version,
            Supplier<MonthPlans> readAll,
            Function<Set<String>, List<MonthPlans.PlanUser>> readSome) {
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
            Set<String> users = namedBetween(tenantId, before.version(), version);
            if (users != null) {
                plans = before.plans().with(users, readSome.apply(users));
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
     * The users the writes of the versions after {@code from} up to {@code to} named, or null when one of those
     * versions is not known here or they name more than {@link #MOST_USERS_READ_AGAIN}.
     */
    private @Nullable Set<String> namedBetween(long tenantId, long from, long to) {
        synchronized (named) {
            TreeMap<Long, List<String>> versions = named.get(tenantId);
            if (versions == null) {
                return null;
            }
            Set<String> users = new HashSet<>();
            for (long version = from + 1; version <= to; version++) {
                List<String> upns = versions.get(version);
                if (upns == null) {
                    return null;
                }
                users.addAll(upns);
                if (users.size() > MOST_USERS_READ_AGAIN) {
                    return null;
                }
            }
            return users;
        }
    }

    /** How often all of a month's plans were read, and how often only the users named since: for tests. */
    long[] reads() {
        return new long[] {readsOfAll.get(), readsOfSome.get()};
    }
}
