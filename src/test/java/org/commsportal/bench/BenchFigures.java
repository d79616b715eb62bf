package org.commsportal.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The figures of one benchmark run, shared by every benchmark: each appends its rows to {@code target/bench/figures.csv}
 * ({@code -Dbench.figures} elsewhere) and {@link ZzBenchReportIT} prints them as one table and draws them. The file
 * holds one run: the first figure a test JVM records replaces a file left by an earlier JVM ({@code bench/run.sh}
 * also removes it before it starts).
 */
final class BenchFigures {

    static final String HEADER = "dataset,benchmark,operation,median_ms,p95_ms,naive_ms,note";

    /** One timed operation; absent figures are NaN, an absent note is empty. */
    record Figure(
            String dataset,
            String benchmark,
            String operation,
            double medianMs,
            double p95Ms,
            double naiveMs,
            String note) {

        /** How many times slower the naive raw-table query is, or NaN. */
        double ratio() {
            return naiveMs / medianMs;
        }
    }

    private static boolean started;

    private BenchFigures() {}

    static Path file() {
        return Path.of(System.getProperty("bench.figures", "target/bench/figures.csv"));
    }

    /** The data set's name as the runner gives it ({@code -Dbench.dataset=S}) with its size. */
    static String dataset() {
        String size = String.format(
                Locale.ROOT,
                "%,d users x %d days",
                Integer.getInteger("bench.users", 1_000),
                Integer.getInteger("bench.days", 180));
        String name = System.getProperty("bench.dataset", "");
        return name.isBlank() ? size : name + ": " + size;
    }

    /** Records an operation's figures; pass NaN for a figure there is none of. */
    static synchronized void record(
            String benchmark, String operation, double medianMs, double p95Ms, double naiveMs, @Nullable String note) {
        Path file = file();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!started) {
                started = true;
                if (Files.exists(file)
                        && Files.getLastModifiedTime(file).toMillis()
                                < ManagementFactory.getRuntimeMXBean().getStartTime()) {
                    Files.delete(file); // an earlier run's
                }
            }
            List<String> lines = new ArrayList<>();
            if (!Files.exists(file)) {
                lines.add(HEADER);
            }
            lines.add(String.join(
                    ",",
                    quote(dataset()),
                    quote(benchmark),
                    quote(operation),
                    number(medianMs),
                    number(p95Ms),
                    number(naiveMs),
                    quote(note == null ? "" : note)));
            Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The figures of a file written by {@link #record}. */
    static List<Figure> read(Path file) throws IOException {
        List<Figure> figures = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.equals(HEADER)) {
                continue;
            }
            List<String> f = fields(line);
            if (f.size() != 7) {
                throw new IOException("Not a figures line (7 fields expected): " + line);
            }
            figures.add(new Figure(
                    f.get(0), f.get(1), f.get(2), parse(f.get(3)), parse(f.get(4)), parse(f.get(5)), f.get(6)));
        }
        return figures;
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static double parse(String value) {
        return value.isEmpty() ? Double.NaN : Double.parseDouble(value);
    }

    private static String quote(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"").replace("\n", " ") + "\""
                : value;
    }

    /** The fields of one CSV line (RFC 4180 quoting, no line breaks inside fields). */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** One timed operation of a benchmark: the portal's timing, the naive query's median (NaN for none), a note. */
    record Timed(Medians.Timing portal, double naiveMs, String note) {}

    /** Prints a benchmark's table (median, p95, naive, ratio) under the heading and records every row. */
    static void printAndRecord(String benchmark, String heading, java.util.Map<String, Timed> rows) {
        System.out.printf("%n%s%n", heading);
        System.out.printf("%-60s %10s %10s %12s %8s%n", "operation", "portal", "p95", "raw GROUP BY", "ratio");
        rows.forEach((name, r) -> {
            boolean naive = !Double.isNaN(r.naiveMs());
            System.out.printf(
                    "%-60s %10.1f %10.1f %12s %8s%n",
                    name,
                    r.portal().medianMs(),
                    r.portal().p95Ms(),
                    naive ? String.format("%.1f", r.naiveMs()) : "-",
                    naive ? String.format("%.0fx", r.naiveMs() / r.portal().medianMs()) : "-");
            record(benchmark, name, r.portal().medianMs(), r.portal().p95Ms(), r.naiveMs(), naive ? r.note() : "");
        });
    }
}
