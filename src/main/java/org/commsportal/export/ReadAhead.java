package org.commsportal.export;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a source's rows on a thread of its own while the calling thread writes them: reading a large result set
 * (waiting for the database, decoding rows) and writing XLSX each take a core, and one after the other they
 * halved the export's rate. Rows go over in batches through a bounded queue, so at most
 * {@value #BATCH_ROWS} x ({@value #QUEUED_BATCHES} + 2) rows are held at once.
 */
public final class ReadAhead {

    static final int BATCH_ROWS = 500;
    static final int QUEUED_BATCHES = 8;

    private ReadAhead() {}

    /**
     * The source, read ahead: each row reaches the consumer on the calling thread, in the source's order. The
     * source runs on another thread, so it must not depend on the calling thread's state (security context,
     * transaction); take what it needs from that state beforehand. A failure of the source is thrown to the
     * caller; a failure of the consumer stops the source at its next row and is thrown once the source has ended.
     */
    public static <R> Consumer<Consumer<R>> of(Consumer<Consumer<R>> source) {
        return consumer -> new Run<R>().run(source, consumer);
    }

    private static final class Run<R> {
        /** An empty batch: the source has ended, its failure (if any) in {@link #failure}. */
        private static final List<Object> END = List.of();

        private final BlockingQueue<List<?>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        /** The batch the source is filling; the reading thread's alone. */
        private List<Object> batch = new ArrayList<>(BATCH_ROWS);

        private volatile boolean stopped;
        private volatile @Nullable Throwable failure;

        @SuppressWarnings("unchecked")
        void run(Consumer<Consumer<R>> source, Consumer<R> consumer) {
            Thread reader =
                    new Thread(() -> read(source), Thread.currentThread().getName() + "-read-ahead");
            reader.setDaemon(true);
            reader.start();
            try {
                for (List<?> batch = queue.take(); batch != END; batch = queue.take()) {
                    for (Object row : batch) {
                        consumer.accept((R) row);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while exporting", e);
            } finally {
                // on a failure of the consumer: the source stops at its next row or hand-over
                stopped = true;
                joinUninterruptibly(reader);
            }
            Throwable sourceFailure = failure;
            if (sourceFailure instanceof RuntimeException runtime) {
                throw runtime;
            } else if (sourceFailure instanceof Error error) {
                throw error;
            } else if (sourceFailure != null) {
                throw new IllegalStateException(sourceFailure);
            }
        }

        private void read(Consumer<Consumer<R>> source) {
            try {
                source.accept(row -> {
                    batch.add(row);
                    if (batch.size() == BATCH_ROWS) {
                        handOver(batch);
                        batch = new ArrayList<>(BATCH_ROWS);
                    }
                });
            } catch (Stopped e) {
                // the consumer failed; its own failure is what the caller sees
            } catch (RuntimeException | Error e) {
                failure = e; // before the end reaches the queue, which makes it visible to the caller
            } finally {
                try {
                    if (!batch.isEmpty()) {
                        handOver(batch); // the rows before the end or a failure of the source
                    }
                    handOver(END);
                } catch (Stopped e) {
                    // nobody is waiting any more
                }
            }
        }

        /** Waits for room in the queue while the consumer is still taking. */
        private void handOver(List<?> batch) {
            try {
                while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                    if (stopped) {
                        throw new Stopped();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
            if (stopped && batch != END) {
                throw new Stopped();
            }
        }

        private static void joinUninterruptibly(Thread thread) {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ends the source's reading when the consumer has stopped taking rows. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("The export stopped", null, false, false);
        }
    }
}
