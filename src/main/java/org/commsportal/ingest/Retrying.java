package org.commsportal.ingest;

import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Re-runs a whole write transaction that lost a race with a concurrent writer: a deadlock, a lock timeout, or two
 * senders inserting the same new dialog id at once (the loser then finds the winner's row and replaces it).
 * Safe because each attempt is one all-or-nothing transaction.
 */
public final class Retrying {

    static final int ATTEMPTS = 20;

    private Retrying() {}

    public static <T> T write(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (DuplicateKeyException | PessimisticLockingFailureException race) {
                if (attempt == ATTEMPTS) {
                    throw race;
                }
                try {
                    // growing, jittered pauses, so that the writers that collided do not collide again at once
                    Thread.sleep(Math.min(500, 5L * attempt * attempt)
                            + java.util.concurrent.ThreadLocalRandom.current().nextInt(20));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw race;
                }
            }
        }
    }
}
