package org.commsportal.graphapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.springframework.stereotype.Component;

/**
 * The number of rows of a user detail table, counted once per version of the tenant's data (docs/graph-api.md,
 * "Paging"). A client walking the 500 pages of 100,000 users would otherwise count every user again for each page
 * (25 ms of the database's time at that size). The tenant's data version changes with every write of its users or
 * sessions, so a size is never used after a change; the most recently used sizes are kept, a few per table.
 */
@Component
class TableSizes {

    static final int KEPT = 1_000;

    /** A table of one tenant at one version of its data; {@code table} says which (report, query, date, names). */
    private record Key(long tenantId, long dataVersion, Object table) {}

    private final Map<Key, Long> sizes = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
            return size() > KEPT;
        }
    });

    /** The table's size at this data version: kept, or counted now and kept. */
    long size(long tenantId, long dataVersion, Object table, LongSupplier count) {
        Key key = new Key(tenantId, dataVersion, table);
        Long size = sizes.get(key);
        if (size == null) {
            size = count.getAsLong();
            sizes.put(key, size);
        }
        return size;
    }
}
