package org.commsportal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed sign-ins of the last window per key (a user name or an address), kept in this node's memory: the count
 * that holds even when the audit trail cannot be written. Each key keeps at most {@code limit} moments and at most
 * {@value #MAX_KEYS} keys are held, the key whose last failure is oldest giving way first.
 */
final class RecentFailures {

    static final int MAX_KEYS = 100_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    /** In the order of each key's last failure, oldest first. */
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_KEYS;
        }
    };

    RecentFailures(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    synchronized void add(String key) {
        Deque<Instant> moments = failures.remove(key);
        if (moments == null) {
            moments = new ArrayDeque<>(limit);
        }
        moments.addLast(clock.instant());
        while (moments.size() > limit) {
            moments.removeFirst();
        }
        failures.put(key, moments);
    }

    /** Failures of the key within the window, at most the limit. */
    synchronized int count(String key) {
        Deque<Instant> moments = failures.get(key);
        if (moments == null) {
            return 0;
        }
        Instant since = clock.instant().minus(window);
        moments.removeIf(moment -> moment.isBefore(since));
        if (moments.isEmpty()) {
            failures.remove(key);
        }
        return moments.size();
    }

    synchronized void clear(String key) {
        failures.remove(key);
    }
}
