package org.commsportal.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.sessions.ReadModelCheck;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code import sfb-server} of a generated export of 20,000 dialogs with their QoE reports, every file in its own
 * order (none by dialog), under a memory budget of 500 rows a sort run: the import holds a bounded number of rows
 * whatever the files' size (the in-memory join held every dialog), and every stored session and quality record
 * equals what a small recomputation from the generator's rules expects (docs/import-sfb-server.md, "Memory and order").
 */
@PortalIntegrationTest
class SfbServerLargeImportIT {

    static final int DIALOGS = 20_000;
    static final int RUN_ROWS = 500;
    static final int FAN_IN = 4;

    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @Autowired
    ImportCommands commands;

    @Autowired
    SfbServerImport sfbServer;

    @Autowired
    TestTenants testTenants;

    @Autowired
    ReadModelCheck readModels;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path files;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    /** The first dialog's invite (a larger export starts further back). */
    Instant start = LocalDate.now(ZoneOffset.UTC).minusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC);

    /** The generator's rules, one dialog at a time (a dialog with i % 97 == 0 has no media and is skipped). */
    private Instant invite(int i) {
        return start.plusSeconds(4L * i).plusMillis(i % 1000);
    }

    private static int seconds(int i) {
        return 60 + i % 300;
    }

    private static int sequence(int i) {
        return 1 + i % 3;
    }

    /** Dialogs with i % 11 == 0 have no QoE report; with i % 7 == 0 an earlier one too, which the latest replaces. */
    private static boolean reported(int i) {
        return i % 11 != 0;
    }

    @Test
    void a_large_export_in_no_order_imports_with_a_bounded_number_of_rows_held_and_equals_a_recomputation()
            throws Exception {
        Tenant tenant = testTenants.newTenant("sfb-large");
        List<Path> folders = tempFolders();
        Path dir = Files.createDirectories(files.resolve("export"));
        long rows = generate(dir, DIALOGS);
        ExternalSort.Budget budget = new ExternalSort.Budget(RUN_ROWS, 1 << 20, FAN_IN);
        Supplier<ExternalSort.Budget> budgets = sfbServer.budgets;
        sfbServer.budgets = () -> budget;
        long started = System.nanoTime();
        int status;
        try {
            status = commands.execute(
                    List.of("import", "sfb-server", dir.toString(), "--tenant=" + tenant.name()),
                    new PrintStream(output, true, StandardCharsets.UTF_8));
        } finally {
            sfbServer.budgets = budgets;
        }
        String printed = output.toString(StandardCharsets.UTF_8);
        System.out.printf(
                "Large sfb-server import: %d dialogs, %d rows in 10 files of %d KB, %d rows held at most (runs of"
                        + " %d, %d at a time), %d KB of temporary files at most, %.1f s%n",
                DIALOGS,
                rows,
                exportBytes(dir) >> 10,
                budget.highWater(),
                RUN_ROWS,
                FAN_IN,
                budget.diskHighWater() >> 10,
                (System.nanoTime() - started) / 1e9);

        assertThat(status).as(printed).isZero();
        // at most: four sorts' runs being filled, the heads of their merges and one dialog's rows
        assertThat(budget.highWater()).isLessThanOrEqualTo(4L * RUN_ROWS + 100).isLessThan(rows / 100);
        assertThat(tempFolders()).isEqualTo(folders); // the sorts' files are deleted

        int skipped = 0;
        int withQuality = 0;
        int superseded = 0;
        for (int i = 0; i < DIALOGS; i++) {
            skipped += i % 97 == 0 ? 1 : 0;
            withQuality += i % 97 != 0 && reported(i) ? 1 : 0;
            superseded += reported(i) && i % 7 == 0 ? 1 : 0;
        }
        assertThat(printed)
                .contains("Quality records: " + withQuality + " dialogs; " + (DIALOGS / 50)
                        + " QoE sessions of dialogs not in this export and " + superseded
                        + " earlier reports of a dialog skipped.")
                .contains("Imported " + (DIALOGS - skipped) + " dialogs (0 stored ones replaced, " + skipped
                        + " without media rows skipped)");
        Expected expected = expected();
        assertThat(stored(tenant, """
                SELECT s.dialog_id, CONCAT_WS(' ', DATE_FORMAT(s.start_time, '%Y-%m-%d %H:%i:%s.%f'),
                       TIMESTAMPDIFF(SECOND, s.start_time, s.end_time), s.from_uri, s.to_uri,
                       (SELECT GROUP_CONCAT(m.media_type_id, ':', m.duration_ms ORDER BY m.media_type_id)
                        FROM session_media m WHERE m.session_id = s.id))
                FROM comm_session s WHERE s.tenant_id = :t""")).isEqualTo(expected.sessions);
        Map<String, Map<String, String>> records = Map.of(
                "qoe_session x.side, x.machine_name, x.cpu_cores", expected.endpoints,
                "qoe_media_line x.side, x.media_type_id, x.port, x.connection_type, x.ice_result", expected.mediaLines,
                "qoe_audio_stream x.side, x.codec, x.jitter_avg_ms, x.bandwidth_estimate_kbps", expected.audio,
                "qoe_traceroute x.side, x.hop, x.rtt_ms", expected.hops,
                "qoe_feedback x.side, x.rating, x.tokens", expected.feedback);
        records.forEach((tableAndColumns, byDialog) -> {
            String table = tableAndColumns.substring(0, tableAndColumns.indexOf(' '));
            String sql = "SELECT s.dialog_id, CONCAT_WS(' ', " + tableAndColumns.substring(table.length() + 1)
                    + ") FROM " + table + " x JOIN comm_session s ON s.id = x.session_id WHERE x.tenant_id = :t";
            assertThat(stored(tenant, sql)).as(table).isEqualTo(byDialog);
        });
        assertThat(readModels.differences(tenant.id(), 20)).isEmpty();
    }

    /** What each table must hold: per dialog id, its rows' texts sorted and joined by " | ". */
    private record Expected(
            Map<String, String> sessions,
            Map<String, String> endpoints,
            Map<String, String> mediaLines,
            Map<String, String> audio,
            Map<String, String> hops,
            Map<String, String> feedback) {}

    /** The recomputation: per dialog, the records the generator's rules give it. */
    private Expected expected() {
        var expected = new Expected(
                new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        for (int i = 0; i < DIALOGS; i++) {
            if (i % 97 == 0) {
                continue;
            }
            String id = "sfb:" + invite(i) + ":" + sequence(i);
            String media = "5:" + seconds(i) * 1000L + (i % 4 == 0 ? ",6:" + seconds(i) * 500L : "");
            expected.sessions.put(
                    id,
                    SQL.format(invite(i).atOffset(ZoneOffset.UTC)) + "000 " + seconds(i) + " sip:" + user(i) + " sip:"
                            + user(i + 1) + " " + media);
            if (!reported(i)) {
                continue;
            }
            expected.endpoints.put(id, join("FROM PC-" + i + " " + (2 + i % 6), "TO PC-" + i + "-B"));
            expected.mediaLines.put(
                    id, join("FROM 5 " + (50000 + i % 10000) + " wifi direct", "TO 5 40000 wired relay"));
            expected.audio.put(
                    id, join("FROM SILKWide " + i % 50 + " " + i % 90, "TO SILKWide " + (i * 3) % 50 + " " + 64));
            expected.hops.put(id, join("FROM 1 " + i % 20, "FROM 2 " + (10 + i % 30), "TO 1 5"));
            if (i % 5 == 0) {
                expected.feedback.put(
                        id,
                        join("FROM " + (1 + (i / 5) % 5) + " " + (i % 2 == 1 ? "Audio_SilentLocal," : "")
                                + "Audio_Echo"));
            }
        }
        return expected;
    }

    private static String join(String... rows) {
        List<String> sorted = new ArrayList<>(List.of(rows));
        Collections.sort(sorted);
        return String.join(" | ", sorted);
    }

    private Map<String, String> stored(Tenant tenant, String sql) {
        Map<String, List<String>> rows = new TreeMap<>();
        jdbc.sql(sql)
                .param("t", tenant.id())
                .query((rs, n) -> {
                    rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getString(2));
                    return n;
                })
                .list();
        Map<String, String> joined = new TreeMap<>();
        rows.forEach((id, texts) -> joined.put(id, join(texts.toArray(String[]::new))));
        return joined;
    }

    private static String user(int i) {
        return "user" + (i % 40) + "@example.org";
    }

    /**
     * Writes the export: the dialogs in time order, the media rows backwards, the dialog ids and QoE sessions shuffled,
     * the quality tables in the order of their reports' times; 4 seconds a dialog from {@link #start}. Returns the rows
     * written.
     */
    long generate(Path dir, int count) throws IOException {
        Random random = new Random(26);
        List<String> sessions = new ArrayList<>();
        List<String> media = new ArrayList<>();
        List<String> dialogs = new ArrayList<>();
        List<String> qoeDialogs = new ArrayList<>();
        TreeMap<String, List<String>> byReport = new TreeMap<>(); // quality rows by file and report time
        for (int i = 0; i < count; i++) {
            Instant invite = invite(i);
            Instant end = invite.plusSeconds(seconds(i));
            String key = sql(invite) + "\t" + sequence(i);
            sessions.add(key + "\t" + sql(invite) + "\t" + sql(end) + "\t" + user(i) + "\t" + user(i + 1) + "\t200");
            if (i % 97 != 0) {
                media.add(key + "\t5\t" + sql(invite) + "\t" + sql(end));
                if (i % 4 == 0) {
                    media.add(key + "\t6\t" + sql(invite) + "\t" + sql(invite.plusMillis(seconds(i) * 500L)));
                }
            }
            dialogs.add(key + "\t"
                    + (i % 13 == 0 ? "c" + i + ";f" + i + ";t" + i : "c" + i + ";from-tag=f" + i + ";to-tag=t" + i));
            if (!reported(i)) {
                continue;
            }
            String dialogId = "c" + i + ";from-tag=f" + i + (i % 17 == 0 ? "" : ";to-tag=t" + i);
            String latest = sql(end.plusSeconds(2)) + "\t" + (1 + i % 2);
            qoeDialogs.add(latest + "\t" + dialogId);
            report(byReport, latest, i, false);
            if (i % 7 == 0) {
                String earlier = sql(end.plusSeconds(1)) + "\t" + (1 + i % 2);
                qoeDialogs.add(earlier + "\t" + dialogId);
                report(byReport, earlier, i, true);
            }
        }
        for (int j = 0; j < count / 50; j++) {
            String other = sql(start.plusSeconds(86_400 + j)) + "\t9";
            qoeDialogs.add(other + "\tx" + j + ";from-tag=y;to-tag=z");
            report(byReport, other, j, false);
        }
        Collections.reverse(media);
        Collections.shuffle(dialogs, random);
        Collections.shuffle(qoeDialogs, random);
        long rows = write(
                dir.resolve("sessions.tsv"), SfbServerImport.FILES.get("sessions"), List.of("ResponseCode"), sessions);
        rows += write(dir.resolve("media.tsv"), SfbServerImport.FILES.get("media"), List.of(), media);
        rows += write(dir.resolve("dialogs.tsv"), SfbQualityFiles.FILES.get("dialogs"), List.of(), dialogs);
        rows += write(dir.resolve("qoe-dialogs.tsv"), SfbQualityFiles.FILES.get("qoe-dialogs"), List.of(), qoeDialogs);
        for (String file : List.of(
                "qoe-sessions",
                "qoe-media-lines",
                "qoe-audio-streams",
                "qoe-traceroutes",
                "qoe-feedback",
                "qoe-feedback-tokens")) {
            List<String> lines = new ArrayList<>();
            byReport.subMap(file + "\t", file + "\t\uffff").values().forEach(lines::addAll);
            rows += write(dir.resolve(file + ".tsv"), SfbQualityFiles.FILES.get(file), List.of(), lines);
        }
        return rows;
    }

    /** A QoE report's rows in each quality file; an earlier report (replaced) has other values. */
    private static void report(TreeMap<String, List<String>> byReport, String session, int i, boolean earlier) {
        String pc = earlier ? "OLD-" + i : "PC-" + i;
        add(
                byReport,
                "qoe-sessions",
                session,
                "CallerEndpoint",
                pc,
                "CallerCPUNumberOfCores",
                2 + i % 6,
                "CalleeEndpoint",
                pc + "-B");
        add(
                byReport,
                "qoe-media-lines",
                session,
                "MediaLineLabel",
                0,
                "CallerPort",
                50000 + i % 10000,
                "CallerNetworkConnectionType",
                "WiFi",
                "CallerConnectivityICE",
                1,
                "CalleePort",
                40000,
                "CalleeNetworkConnectionType",
                "Wired",
                "CalleeConnectivityICE",
                2);
        add(
                byReport,
                "qoe-audio-streams",
                session,
                "MediaLineLabel",
                0,
                "SenderIsCallerPAI",
                1,
                "Codec",
                "SILKWide",
                "JitterInterArrival",
                earlier ? 999 : i % 50,
                "BandwidthEst",
                (i % 90) * 1000);
        add(
                byReport,
                "qoe-audio-streams",
                session,
                "MediaLineLabel",
                0,
                "SenderIsCallerPAI",
                0,
                "Codec",
                "SILKWide",
                "JitterInterArrival",
                (i * 3) % 50,
                "BandwidthEst",
                64000);
        // the video line's hop 1 comes first and loses to the audio line's (the lowest label)
        add(byReport, "qoe-traceroutes", session, "MediaLineLabel", 1, "FromCaller", 1, "Hop", 1, "RTT", 99);
        add(byReport, "qoe-traceroutes", session, "MediaLineLabel", 0, "FromCaller", 1, "Hop", 2, "RTT", 10 + i % 30);
        add(
                byReport,
                "qoe-traceroutes",
                session,
                "MediaLineLabel",
                0,
                "FromCaller",
                1,
                "Hop",
                1,
                "RTT",
                earlier ? 77 : i % 20);
        add(byReport, "qoe-traceroutes", session, "MediaLineLabel", 0, "FromCaller", 0, "Hop", 1, "RTT", 5);
        if (i % 5 == 0) {
            add(byReport, "qoe-feedback", session, "FromCaller", 1, "Rating", 1 + (i / 5) % 5);
            add(
                    byReport,
                    "qoe-feedback-tokens",
                    session,
                    "FromCaller",
                    1,
                    "TokenId",
                    103,
                    "TokenDescription",
                    "Audio_Echo",
                    "TokenValue",
                    1);
            add(
                    byReport,
                    "qoe-feedback-tokens",
                    session,
                    "FromCaller",
                    1,
                    "TokenId",
                    101,
                    "TokenDescription",
                    "Audio_SilentLocal",
                    "TokenValue",
                    i % 2);
            add(
                    byReport,
                    "qoe-feedback-tokens",
                    session,
                    "FromCaller",
                    1,
                    "TokenId",
                    104,
                    "TokenDescription",
                    "Audio_BackgroundNoise",
                    "TokenValue",
                    0);
            add(
                    byReport,
                    "qoe-feedback-tokens",
                    session,
                    "FromCaller",
                    0,
                    "TokenId",
                    105,
                    "TokenDescription",
                    "Audio_LowSound",
                    "TokenValue",
                    1); // the callee gave no feedback: ignored
        }
    }

    /** A row of a quality file: its session's two columns, then the named columns' values, the others empty. */
    private static void add(TreeMap<String, List<String>> byReport, String file, String session, Object... values) {
        Map<String, String> named = new java.util.HashMap<>();
        for (int v = 0; v < values.length; v += 2) {
            named.put((String) values[v], String.valueOf(values[v + 1]));
        }
        List<String> columns = SfbQualityFiles.FILES.get(file);
        StringBuilder row = new StringBuilder(session);
        for (String column : columns.subList(2, columns.size())) {
            row.append('\t').append(named.getOrDefault(column, ""));
        }
        byReport.computeIfAbsent(file + "\t" + session, k -> new ArrayList<>()).add(row.toString());
    }

    private static long write(Path file, List<String> columns, List<String> more, List<String> rows)
            throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<String> header = new ArrayList<>(columns);
            header.addAll(more);
            out.write(String.join("\t", header) + "\n");
            for (String row : rows) {
                out.write(row + "\n");
            }
        }
        return rows.size();
    }

    private static String sql(Instant time) {
        return SQL.format(time.atOffset(ZoneOffset.UTC));
    }

    private static long exportBytes(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static List<Path> tempFolders() throws IOException {
        try (var listing = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return listing.filter(p -> p.getFileName().toString().startsWith("sfb-server-import-"))
                    .sorted()
                    .toList();
        }
    }
}
