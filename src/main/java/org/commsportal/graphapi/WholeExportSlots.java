package org.commsportal.graphapi;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * How many whole user detail answers (no {@code $top}: every user in one CSV) one portal node writes at once. Each is
 * seconds of database work at 100,000 users; without a limit, clients exporting together hold every pooled
 * connection and the pages and feeds behind them wait. An export waits for a slot in arrival order and is refused
 * with 429 and {@code Retry-After}, before its first byte, when none frees in time (docs/graph-api.md, "Whole
 * exports").
 */
@Component
class WholeExportSlots {

    static final int RETRY_AFTER_SECONDS = 30;

    private final Semaphore slots;
    private final Duration wait;

    WholeExportSlots(
            @Value("${portal.api.whole-exports:2}") int slots,
            @Value("${portal.api.whole-export-wait:PT30S}") Duration wait) {
        if (slots < 1) {
            throw new IllegalArgumentException("portal.api.whole-exports must be at least 1, not " + slots);
        }
        this.slots = new Semaphore(slots, true);
        this.wait = wait;
    }

    /** A slot taken, given back when closed. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The slot an answer needs: none for a page or a counts report; for a whole user detail table (no {@code $top}:
     * a limit of {@link Long#MAX_VALUE}) one taken as by {@link #take}.
     */
    Slot forAnswer(boolean userDetail, long limit) {
        return userDetail && limit == Long.MAX_VALUE ? take() : () -> {};
    }

    /** Waits in line for a slot; refuses the export (429) when none frees within the configured wait. */
    Slot take() {
        try {
            if (slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return slots::release;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new GraphApiException(
                HttpStatus.TOO_MANY_REQUESTS,
                "TooManyRequests",
                "Other whole exports of every user are being written; try again in " + RETRY_AFTER_SECONDS
                        + " seconds, or read the report in pages with $top.",
                RETRY_AFTER_SECONDS);
    }

    /** Slots free now (for tests and metrics). */
    int available() {
        return slots.availablePermits();
    }
}
