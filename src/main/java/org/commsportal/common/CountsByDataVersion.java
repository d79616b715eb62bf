package org.commsportal.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Counts that cost the database tens of milliseconds (a number, or numbers per key of a map that nobody changes),
 * kept per version of a tenant's data (the tenant's data version changes with every write of its users or sessions,
 * so a count is never used after a change): a client paging through 100,000 users, or feeds asked again and again
 * in a zone with daylight saving time, count once per change instead of on every request. The most recently used
 * counts are kept, up to a fixed number.
 */
public final class CountsByDataVersion<V> {

    /** A count of one tenant at one version of its data; {@code what} says which (report, query, date, ...). */
    private record Key(long tenantId, long dataVersion, Object what) {}

    private final Map<Key, V> counts;

    public CountsByDataVersion(int kept) {
        this.counts = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, V> eldest) {
                return size() > kept;
            }
        });
    }

    /**
     * The count at this data version: kept, or counted now and kept. Read the version before counting, so that a
     * count made after a newer write is at worst kept under the version before it, which no later request reads.
     */
    public V get(long tenantId, long dataVersion, Object what, Supplier<V> count) {
        Key key = new Key(tenantId, dataVersion, what);
        V kept = counts.get(key);
        if (kept == null) {
            kept = count.get();
            counts.put(key, kept);
        }
        return kept;
    }
}
