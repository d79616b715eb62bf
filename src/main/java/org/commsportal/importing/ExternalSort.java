package org.commsportal.importing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Rows sorted by a key in bounded memory (an external merge sort): rows are held until a run is full, each full run is
 * sorted and written compressed to a temporary file, and the runs are merged as they are read, at most
 * {@link Budget#fanIn} at a time (more runs are first merged into fewer). The sorted rows can be read more than once
 * (an import checks every dialog, then writes them). docs/import-sfb-server.md, "Memory and order".
 */
final class ExternalSort implements Closeable {

    /** A row: sorted by key, then tag (which file or kind of row), then order (its line, within the tag). */
    record Row(String key, int tag, long order, List<@Nullable String> fields) {

        /** About the heap a held row takes: its objects' headers and its characters, counted as two bytes each. */
        long bytes() {
            long bytes = 96 + 2L * key.length();
            for (String field : fields) {
                bytes += 16 + (field == null ? 0 : 48 + 2L * field.length());
            }
            return bytes;
        }
    }

    static final Comparator<Row> ORDER =
            Comparator.comparing(Row::key).thenComparingInt(Row::tag).thenComparingLong(Row::order);

    /**
     * How much memory the sorts of one import may use: per sort, the rows and estimated bytes of a run held before it
     * is written, and the runs merged at once; and the rows every sort of the import holds, with their high-water
     * mark (what the import's memory is bounded by, whatever the files' size).
     */
    static final class Budget {
        final int runRows;
        final long runBytes;
        final int fanIn;
        private long held;
        private long highWater;
        private long disk;
        private long diskHighWater;

        Budget(int runRows, long runBytes, int fanIn) {
            this.runRows = runRows;
            this.runBytes = runBytes;
            this.fanIn = Math.max(2, fanIn);
        }

        void hold(long rows) {
            held += rows;
            highWater = Math.max(highWater, held);
        }

        void release(long rows) {
            held -= rows;
        }

        /** The most rows held at once so far. */
        long highWater() {
            return highWater;
        }

        private void written(long bytes) {
            disk += bytes;
            diskHighWater = Math.max(diskHighWater, disk);
        }

        /** The most bytes of temporary files at once so far. */
        long diskHighWater() {
            return diskHighWater;
        }
    }

    /** The sorted rows, read one at a time, with a look at the next. */
    interface Rows extends Closeable {
        @Nullable
        Row peek() throws IOException;

        @Nullable
        Row next() throws IOException;

        @Override
        void close() throws IOException;
    }

    private static final int BUFFER = 32 * 1024;

    private final Budget budget;
    private final String name;
    private final List<Row> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private @Nullable Path dir;
    private long bufferBytes;
    private long size;
    private boolean sealed;

    ExternalSort(String name, Budget budget) {
        this.name = name;
        this.budget = budget;
    }

    void add(String key, int tag, long order, @Nullable String... fields) throws IOException {
        add(new Row(key, tag, order, Arrays.asList(fields)));
    }

    void add(Row row) throws IOException {
        if (sealed) {
            throw new IllegalStateException("rows added to " + name + " after it was read");
        }
        buffer.add(row);
        budget.hold(1);
        bufferBytes += row.bytes();
        size++;
        if (buffer.size() >= budget.runRows || bufferBytes >= budget.runBytes) {
            spill();
        }
    }

    /** The rows added. */
    long size() {
        return size;
    }

    /** The rows in order; no row may be added once they are read. */
    Rows sorted() throws IOException {
        if (!sealed) {
            sealed = true;
            if (runs.isEmpty()) {
                buffer.sort(ORDER); // all in one run: read from memory
            } else {
                spill();
                while (runs.size() > budget.fanIn) {
                    List<Path> first = new ArrayList<>(runs.subList(0, budget.fanIn));
                    runs.subList(0, budget.fanIn).clear();
                    Path merged = newRun();
                    try (Rows rows = new Merge(first);
                            DataOutputStream out = output(merged)) {
                        for (Row row = rows.next(); row != null; row = rows.next()) {
                            write(out, row);
                        }
                    }
                    budget.written(Files.size(merged));
                    for (Path run : first) {
                        delete(run);
                    }
                    runs.add(merged);
                }
            }
        }
        return runs.isEmpty() ? new Held(buffer) : new Merge(runs);
    }

    /** Deletes the temporary files and lets go of the rows held. */
    @Override
    public void close() throws IOException {
        budget.release(buffer.size());
        buffer.clear();
        if (dir != null) {
            for (Path run : runs) {
                delete(run);
            }
            runs.clear();
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
            dir = null;
        }
    }

    private void delete(Path run) throws IOException {
        budget.written(-Files.size(run));
        Files.delete(run);
    }

    private void spill() throws IOException {
        if (buffer.isEmpty()) {
            return;
        }
        buffer.sort(ORDER);
        Path run = newRun();
        try (DataOutputStream out = output(run)) {
            for (Row row : buffer) {
                write(out, row);
            }
        }
        runs.add(run);
        budget.written(Files.size(run));
        budget.release(buffer.size());
        buffer.clear();
        bufferBytes = 0;
    }

    private Path newRun() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("sfb-server-import-" + name + "-");
        }
        return Files.createTempFile(dir, "run-", ".gz");
    }

    private static DataOutputStream output(Path file) throws IOException {
        OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), BUFFER) {
            {
                def.setLevel(Deflater.BEST_SPEED); // the temporary files are read once or twice: speed over size
            }
        };
        return new DataOutputStream(new BufferedOutputStream(out, BUFFER));
    }

    private static void write(DataOutputStream out, Row row) throws IOException {
        writeText(out, row.key());
        out.writeInt(row.tag());
        out.writeLong(row.order());
        out.writeInt(row.fields().size());
        for (String field : row.fields()) {
            writeText(out, field);
        }
    }

    private static void writeText(DataOutputStream out, @Nullable String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static @Nullable Row read(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        String key = text(in, length);
        int tag = in.readInt();
        long order = in.readLong();
        int count = in.readInt();
        List<@Nullable String> fields = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            fields.add(text(in, in.readInt()));
        }
        return new Row(key == null ? "" : key, tag, order, fields);
    }

    private static @Nullable String text(DataInputStream in, int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The rows of one run still in memory, already sorted (they are counted as held until the sort is closed). */
    private static final class Held implements Rows {
        private final List<Row> rows;
        private int next;

        Held(List<Row> rows) {
            this.rows = rows;
        }

        @Override
        public @Nullable Row peek() {
            return next < rows.size() ? rows.get(next) : null;
        }

        @Override
        public @Nullable Row next() {
            return next < rows.size() ? rows.get(next++) : null;
        }

        @Override
        public void close() {}
    }

    /** The runs merged: the first row of each run held, the least of them next. */
    private final class Merge implements Rows {
        private record Head(Row row, DataInputStream in) {}

        private final List<DataInputStream> inputs = new ArrayList<>();
        private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> ORDER.compare(a.row(), b.row()));

        Merge(List<Path> files) throws IOException {
            try {
                for (Path file : files) {
                    InputStream in = new GZIPInputStream(Files.newInputStream(file), BUFFER);
                    DataInputStream data = new DataInputStream(new BufferedInputStream(in, BUFFER));
                    inputs.add(data);
                    Row first = read(data);
                    if (first != null) {
                        heads.add(new Head(first, data));
                    }
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
            budget.hold(heads.size());
        }

        @Override
        public @Nullable Row peek() {
            Head head = heads.peek();
            return head == null ? null : head.row();
        }

        @Override
        public @Nullable Row next() throws IOException {
            Head head = heads.poll();
            if (head == null) {
                return null;
            }
            Row following = read(head.in());
            if (following != null) {
                heads.add(new Head(following, head.in()));
            } else {
                budget.release(1);
            }
            return head.row();
        }

        @Override
        public void close() throws IOException {
            budget.release(heads.size());
            heads.clear();
            IOException failed = null;
            for (DataInputStream in : inputs) {
                try {
                    in.close();
                } catch (IOException e) {
                    failed = e;
                }
            }
            inputs.clear();
            if (failed != null) {
                throw failed;
            }
        }
    }
}
