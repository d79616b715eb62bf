package org.commsportal.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Leases on named jobs, held by this node until they expire or are released (docs/operations.md, "Several nodes").
 * A node takes a lease that is free, expired or already its own, in one statement, so two nodes asking at once
 * cannot both get it. A job that runs longer than its lease must renew it; one that dies leaves it to expire.
 */
@Service
public class JobLeases {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String holder;

    @Autowired
    JobLeases(JdbcClient jdbc, Clock clock) {
        this(jdbc, clock, UUID.randomUUID().toString());
    }

    /** For tests that play several nodes on one database. */
    public JobLeases(JdbcClient jdbc, Clock clock, String holder) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.holder = holder;
    }

    /** This node's name in the lease table. */
    public String holder() {
        return holder;
    }

    /** Takes or renews the lease on {@code job} for {@code duration}; false when another node holds it. */
    public boolean tryAcquire(String job, Duration duration) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        // The row is inserted, or taken over only when it is this node's or has expired: MariaDB evaluates the
        // assignments in order, so holder is tested against the old expiry before expires_at changes
        jdbc.sql("""
                        INSERT INTO job_lease (job, holder, expires_at) VALUES (:job, :holder, :expires)
                        ON DUPLICATE KEY UPDATE
                            holder = IF(holder = VALUES(holder) OR expires_at <= :now, VALUES(holder), holder),
                            expires_at = IF(holder = VALUES(holder), VALUES(expires_at), expires_at)
                        """)
                .param("job", job)
                .param("holder", holder)
                .param("expires", now.plus(duration))
                .param("now", now)
                .update();
        return jdbc.sql("SELECT holder FROM job_lease WHERE job = :job")
                .param("job", job)
                .query(String.class)
                .optional()
                .map(holder::equals)
                .orElse(false);
    }

    /** Gives the lease back at once so that another node need not wait for it to expire. */
    public void release(String job) {
        jdbc.sql("DELETE FROM job_lease WHERE job = :job AND holder = :holder")
                .param("job", job)
                .param("holder", holder)
                .update();
    }

    /** Runs {@code work} only if this node gets the lease, and releases it afterwards; true when it ran. */
    public boolean runExclusively(String job, Duration duration, Runnable work) {
        if (!tryAcquire(job, duration)) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            release(job);
        }
    }
}
