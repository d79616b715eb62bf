package org.commsportal.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/** The largest heap in use right after a garbage collection while open, against the live heap at opening. */
final class LiveHeap implements AutoCloseable {
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong largestAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final long before;
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            collections.incrementAndGet();
            largestAfterGc.accumulateAndGet(used(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
        }
    };

    LiveHeap() {
        System.gc();
        before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
    }

    private long used(Map<String, MemoryUsage> byPool) {
        return byPool.entrySet().stream()
                .filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed())
                .sum();
    }

    /** The largest heap in use right after a garbage collection while open (0 if none ran). */
    long largestAfterGcBytes() {
        return largestAfterGc.get();
    }

    long growthBytes() {
        if (collections.get() == 0) {
            throw new IllegalStateException("No garbage collection ran meanwhile; use a smaller heap");
        }
        return Math.max(0, largestAfterGc.get() - before);
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException e) {
                // not registered with this collector
            }
        }
    }
}
