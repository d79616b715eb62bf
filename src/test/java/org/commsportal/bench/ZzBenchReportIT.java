package org.commsportal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.commsportal.bench.BenchFigures.Figure;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The last step of a benchmark run (named to sort after the benchmarks; the bench profile orders test classes by
 * name): prints every figure the benchmarks recorded in {@code target/bench/figures.csv} as one table (median, p95,
 * the naive raw-table query and the ratio naive / median) and draws them to {@code target/bench/figures.png}: a
 * horizontal bar per operation's median, with its p95 and naive figures as markers, on a log scale when the figures
 * spread over more than two orders of magnitude. {@link #main} does the same for an existing CSV file.
 */
@Tag("bench")
class ZzBenchReportIT {

    private static final int WIDTH = 1600;
    private static final int LABEL_WIDTH = 640;
    private static final int ROW = 22;
    private static final int TOP = 96;
    private static final int BOTTOM = 56;
    private static final int RIGHT = 150;
    private static final Color MEDIAN = new Color(0x4C78A8);
    private static final Color P95 = new Color(0x222222);
    private static final Color NAIVE = new Color(0xE45756);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void the_run_s_figures_are_printed_as_one_table_and_drawn_as_a_chart() throws IOException {
        Path csv = BenchFigures.file();
        assertThat(csv).as("figures recorded by the benchmarks of this run").exists();
        List<Figure> figures = BenchFigures.read(csv);
        assertThat(figures).as("figures in " + csv).isNotEmpty();
        Path png = csv.resolveSibling("figures.png");
        report(figures, png, LocalDate.now());
        assertThat(ImageIO.read(png.toFile())).as(png.toString()).isNotNull();
        System.out.println("Figures: " + csv.toAbsolutePath() + "\nChart:   " + png.toAbsolutePath());
    }

    /** Prints the table and draws the chart of a figures CSV file: {@code [figures.csv [chart.png]]}. */
    public static void main(String[] args) throws IOException {
        Path csv = args.length > 0 ? Path.of(args[0]) : BenchFigures.file();
        Path png = args.length > 1 ? Path.of(args[1]) : csv.resolveSibling("figures.png");
        report(
                BenchFigures.read(csv),
                png,
                LocalDate.ofInstant(Files.getLastModifiedTime(csv).toInstant(), java.time.ZoneId.systemDefault()));
        System.out.println("Figures: " + csv.toAbsolutePath() + "\nChart:   " + png.toAbsolutePath());
    }

    static void report(List<Figure> figures, Path png, LocalDate date) throws IOException {
        String title = "Benchmarks, "
                + String.join(
                        " / ",
                        new LinkedHashSet<>(
                                figures.stream().map(Figure::dataset).toList())) + ", " + date;
        System.out.print(table(figures, title));
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(chart(figures, title), "png", png.toFile());
    }

    static String table(List<Figure> figures, String title) {
        int width = Math.max(
                9, figures.stream().mapToInt(f -> f.operation().length()).max().orElse(0));
        int group = Math.max(
                9, figures.stream().mapToInt(f -> f.benchmark().length()).max().orElse(0));
        String format = "%-" + group + "s  %-" + width + "s %10s %10s %10s %7s  %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n%s (times in ms; ratio = naive / median)%n", title));
        out.append(String.format(
                Locale.ROOT, format, "benchmark", "operation", "median", "p95", "naive", "ratio", "note"));
        for (Figure f : figures) {
            out.append(String.format(
                    Locale.ROOT,
                    format,
                    f.benchmark(),
                    f.operation(),
                    ms(f.medianMs()),
                    ms(f.p95Ms()),
                    ms(f.naiveMs()),
                    ratio(f.ratio()),
                    f.note()));
        }
        return out.toString();
    }

    private static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, ratio >= 10 ? "%.0fx" : "%.1fx", ratio);
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    // ---- the chart

    /** Where a value lies along the plot's x axis. */
    private record Scale(double min, double max, boolean log) {

        static Scale of(List<Figure> figures) {
            List<Double> values = new ArrayList<>();
            for (Figure f : figures) {
                for (double v : new double[] {f.medianMs(), f.p95Ms(), f.naiveMs()}) {
                    if (!Double.isNaN(v) && v > 0) {
                        values.add(v);
                    }
                }
            }
            double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(1);
            double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(10);
            if (hi / lo > 100) {
                return new Scale(
                        Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi))), true);
            }
            return new Scale(0, niceStep(hi / 5) * Math.ceil(hi / niceStep(hi / 5)), false);
        }

        /** 0 to 1 across the plot. */
        double position(double value) {
            if (log) {
                return (Math.log10(Math.max(value, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
            }
            return value / max;
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double t = min; t <= max * 1.0001; t *= 10) {
                    ticks.add(t);
                }
            } else {
                double step = niceStep(max / 5);
                for (double t = 0; t <= max * 1.0001; t += step) {
                    ticks.add(t);
                }
            }
            return ticks;
        }

        private static double niceStep(double rough) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
            double r = rough / magnitude;
            return magnitude * (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10);
        }
    }

    private static BufferedImage chart(List<Figure> figures, String title) {
        List<String> groups = new ArrayList<>(
                new LinkedHashSet<>(figures.stream().map(Figure::benchmark).toList()));
        int rows = figures.size() + groups.size();
        int height = TOP + rows * ROW + BOTTOM;
        int plotLeft = LABEL_WIDTH;
        int plotWidth = WIDTH - LABEL_WIDTH - RIGHT;
        Scale scale = Scale.of(figures);

        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);

        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font bold = plain.deriveFont(Font.BOLD);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, 16, 30);
        g.setFont(plain);
        g.drawString(
                "Server time in ms, " + (scale.log() ? "log scale" : "linear scale")
                        + "; single-run figures (ingest, export, first build) have no p95.",
                16,
                52);
        legend(g, 16, 72);

        // grid and axis labels
        int plotTop = TOP - 6;
        int plotBottom = TOP + rows * ROW;
        for (double tick : scale.ticks()) {
            int x = plotLeft + (int) Math.round(scale.position(tick) * plotWidth);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(x, plotTop, x, plotBottom);
            g.setColor(Color.DARK_GRAY);
            String label = duration(tick);
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, plotBottom + 18);
        }
        g.setColor(Color.GRAY);
        g.drawLine(plotLeft, plotTop, plotLeft, plotBottom);

        int y = TOP;
        String current = null;
        for (Figure f : figures) {
            if (!f.benchmark().equals(current)) {
                current = f.benchmark();
                g.setFont(bold);
                g.setColor(Color.BLACK);
                g.drawString(current, 12, y + ROW - 7);
                y += ROW;
                g.setFont(plain);
            }
            g.setColor(Color.BLACK);
            g.drawString(fit(g.getFontMetrics(), f.operation(), LABEL_WIDTH - 40), 28, y + ROW - 7);
            if (!Double.isNaN(f.medianMs())) {
                int end = plotLeft + (int) Math.round(scale.position(f.medianMs()) * plotWidth);
                g.setColor(MEDIAN);
                g.fillRect(plotLeft + 1, y + 4, Math.max(1, end - plotLeft), ROW - 8);
                int labelX = end;
                if (!Double.isNaN(f.p95Ms())) {
                    int x = plotLeft + (int) Math.round(scale.position(f.p95Ms()) * plotWidth);
                    g.setColor(P95);
                    g.setStroke(new BasicStroke(1.5f));
                    g.drawLine(end, y + ROW / 2, x, y + ROW / 2);
                    g.drawLine(x, y + 3, x, y + ROW - 3);
                    g.setStroke(new BasicStroke(1));
                    labelX = Math.max(labelX, x);
                }
                g.setColor(Color.DARK_GRAY);
                g.drawString(duration(f.medianMs()), labelX + 6, y + ROW - 7);
                if (!Double.isNaN(f.naiveMs())) {
                    int x = plotLeft + (int) Math.round(scale.position(f.naiveMs()) * plotWidth);
                    g.setColor(NAIVE);
                    g.fillPolygon(diamond(x, y + ROW / 2, 6));
                    g.drawString("naive " + duration(f.naiveMs()) + ", " + ratio(f.ratio()), x + 10, y + ROW - 7);
                }
            }
            y += ROW;
        }
        g.dispose();
        return image;
    }

    private static void legend(Graphics2D g, int x, int y) {
        g.setColor(MEDIAN);
        g.fillRect(x, y - 10, 24, 10);
        g.setColor(Color.BLACK);
        g.drawString("median", x + 30, y);
        x += 100;
        g.setColor(P95);
        g.drawLine(x, y - 5, x + 20, y - 5);
        g.drawLine(x + 20, y - 11, x + 20, y + 1);
        g.setColor(Color.BLACK);
        g.drawString("p95", x + 28, y);
        x += 80;
        g.setColor(NAIVE);
        g.fillPolygon(diamond(x + 6, y - 5, 6));
        g.setColor(Color.BLACK);
        g.drawString("naive query over the raw tables", x + 18, y);
    }

    private static Polygon diamond(int x, int y, int r) {
        return new Polygon(new int[] {x, x + r, x, x - r}, new int[] {y - r, y, y + r, y}, 4);
    }

    private static String fit(FontMetrics metrics, String text, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "...") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "...";
    }

    private static String duration(double ms) {
        if (ms >= 1000) {
            double s = ms / 1000;
            return String.format(Locale.ROOT, s >= 100 || s == Math.rint(s) ? "%.0f s" : "%.1f s", s);
        }
        if (ms >= 1 || ms == 0) {
            return String.format(Locale.ROOT, ms >= 100 || ms == Math.rint(ms) ? "%.0f ms" : "%.1f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f ms", ms);
    }
}
