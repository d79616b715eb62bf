package org.commsportal.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two or more nodes on one database: one of them at a time holds a job's lease, until it expires. */
@PortalIntegrationTest
class JobLeasesIT {

    private static final Instant NOON = Instant.parse("2026-12-02T12:00:00Z");

    @Autowired
    JdbcClient jdbc;

    private JobLeases node(String name, Instant now) {
        return new JobLeases(jdbc, Clock.fixed(now, ZoneOffset.UTC), name);
    }

    @Test
    void a_held_lease_is_refused_to_another_node_until_it_expires_and_renewed_for_its_holder() {
        String job = "test-lease-" + System.nanoTime();
        assertThat(node("a", NOON).tryAcquire(job, Duration.ofMinutes(5))).isTrue();
        assertThat(node("b", NOON.plusSeconds(60)).tryAcquire(job, Duration.ofMinutes(5)))
                .isFalse();
        assertThat(node("a", NOON.plusSeconds(240)).tryAcquire(job, Duration.ofMinutes(5)))
                .as("renewed to 12:09")
                .isTrue();
        assertThat(node("b", NOON.plusSeconds(400)).tryAcquire(job, Duration.ofMinutes(5)))
                .as("the renewal holds past the first expiry")
                .isFalse();
        assertThat(node("b", NOON.plusSeconds(540)).tryAcquire(job, Duration.ofMinutes(5)))
                .as("expired")
                .isTrue();
        assertThat(node("a", NOON.plusSeconds(560)).tryAcquire(job, Duration.ofMinutes(5)))
                .isFalse();
    }

    @Test
    void a_released_lease_is_free_at_once_and_runExclusively_runs_on_one_node_of_many_asking_together()
            throws Exception {
        String job = "test-lease-" + System.nanoTime();
        JobLeases a = node("a", NOON);
        assertThat(a.tryAcquire(job, Duration.ofHours(1))).isTrue();
        node("b", NOON).release(job);
        assertThat(node("b", NOON).tryAcquire(job, Duration.ofHours(1)))
                .as("not b's to release")
                .isFalse();
        a.release(job);
        assertThat(node("b", NOON).tryAcquire(job, Duration.ofHours(1))).isTrue();

        String contested = "test-lease-" + System.nanoTime();
        AtomicInteger ran = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var tasks = new java.util.ArrayList<Callable<Boolean>>();
            for (int i = 0; i < 8; i++) {
                JobLeases n = node("node-" + i, NOON);
                // Each holds the lease without giving it back, so exactly one may ever run
                tasks.add(() -> n.tryAcquire(contested, Duration.ofHours(1)) && ran.incrementAndGet() > 0);
            }
            long winners = pool.invokeAll(tasks).stream()
                    .filter(f -> {
                        try {
                            return f.get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .count();
            assertThat(winners).isEqualTo(1);
            assertThat(ran).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
        AtomicInteger work = new AtomicInteger();
        assertThat(node("z", NOON).runExclusively(contested, Duration.ofMinutes(1), work::incrementAndGet))
                .isFalse();
        String free = "test-lease-" + System.nanoTime();
        assertThat(node("z", NOON).runExclusively(free, Duration.ofMinutes(1), work::incrementAndGet))
                .isTrue();
        assertThat(work).hasValue(1);
        assertThat(node("y", NOON).tryAcquire(free, Duration.ofMinutes(1)))
                .as("released after running")
                .isTrue();
    }
}
