package org.commsportal.sessions;

/**
 * A deadlock between two writers, or two first sends of one dialog id at once, rolls one write back entirely;
 * ingestion clients resend such a batch, and so do the concurrency tests.
 */
final class Deadlocks {

    private Deadlocks() {}

    static void retrying(Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (org.springframework.dao.PessimisticLockingFailureException
                    | org.springframework.dao.DuplicateKeyException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
