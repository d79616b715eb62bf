package org.commsportal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    private static final int MAX_AHEAD = ReadAhead.BATCH_ROWS * (ReadAhead.QUEUED_BATCHES + 2);

    @Test
    void every_row_reaches_the_calling_thread_in_the_sources_order_while_the_source_runs_on_another()
            throws InterruptedException {
        AtomicReference<Thread> sourceThread = new AtomicReference<>();
        Consumer<Consumer<Integer>> source = rows -> {
            sourceThread.set(Thread.currentThread());
            for (int i = 0; i < 10_123; i++) {
                rows.accept(i);
            }
        };
        List<Integer> received = new ArrayList<>();
        List<Thread> consumerThreads = new ArrayList<>();

        ReadAhead.of(source).accept(row -> {
            received.add(row);
            if (consumerThreads.isEmpty()) {
                consumerThreads.add(Thread.currentThread());
            }
        });

        assertThat(received).hasSize(10_123);
        for (int i = 0; i < received.size(); i++) {
            assertThat(received.get(i)).isEqualTo(i);
        }
        assertThat(consumerThreads).containsExactly(Thread.currentThread());
        assertThat(sourceThread.get()).isNotEqualTo(Thread.currentThread());
        sourceThread.get().join(5_000);
        assertThat(sourceThread.get().isAlive())
                .as("the source's thread ends with the export")
                .isFalse();
    }

    @Test
    void the_source_reads_only_a_bounded_number_of_rows_ahead_of_a_slow_consumer() {
        AtomicInteger produced = new AtomicInteger();
        Consumer<Consumer<Integer>> source = rows -> {
            for (int i = 0; i < 100_000; i++) {
                produced.incrementAndGet();
                rows.accept(i);
            }
        };
        List<Integer> aheadAtFirstRow = new ArrayList<>();

        ReadAhead.of(source).accept(row -> {
            if (row == 0) {
                aheadAtFirstRow.add(settled(produced));
            }
        });

        assertThat(aheadAtFirstRow.get(0)).isBetween(ReadAhead.BATCH_ROWS, MAX_AHEAD);
        assertThat(produced.get()).isEqualTo(100_000);
    }

    @Test
    void a_failing_source_fails_the_export_with_its_own_exception_after_the_rows_it_gave() {
        var failure = new IllegalStateException("the database went away");
        Consumer<Consumer<Integer>> source = rows -> {
            for (int i = 0; i < 1_200; i++) {
                rows.accept(i);
            }
            throw failure;
        };
        List<Integer> received = new ArrayList<>();

        assertThatThrownBy(() -> ReadAhead.of(source).accept(received::add)).isSameAs(failure);
        assertThat(received).hasSize(1_200);
    }

    @Test
    void a_failing_consumer_stops_the_source_and_its_exception_reaches_the_caller() throws InterruptedException {
        AtomicReference<Thread> sourceThread = new AtomicReference<>();
        AtomicInteger produced = new AtomicInteger();
        Consumer<Consumer<Integer>> endless = rows -> {
            sourceThread.set(Thread.currentThread());
            for (int i = 0; ; i++) {
                produced.incrementAndGet();
                rows.accept(i);
            }
        };
        var failure = new UncheckedIOException(new IOException("the client went away"));

        assertThatThrownBy(() -> ReadAhead.of(endless).accept(row -> {
                    if (row == 700) {
                        throw failure;
                    }
                }))
                .isSameAs(failure);

        sourceThread.get().join(5_000);
        assertThat(sourceThread.get().isAlive()).as("the source stopped").isFalse();
        assertThat(produced.get()).isLessThanOrEqualTo(701 + MAX_AHEAD);
    }

    /** The counter's value once it has not moved for a while: how far the source got while nobody took rows. */
    private static int settled(AtomicInteger counter) {
        int last = -1;
        for (int i = 0; i < 100 && counter.get() != last; i++) {
            last = counter.get();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return counter.get();
    }
}
