package org.commsportal.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.security.Role;
import org.commsportal.sessiondetails.SessionDetailsService;
import org.commsportal.sessiondetails.SessionQuality;
import org.commsportal.sessiondetails.StreamVerdict;
import org.commsportal.sessiondetails.Verdict;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.ReadModelCheck;
import org.commsportal.sessions.Side;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code import sfb-server} with the QoEMetrics files of docs/import-sfb-server.md: fixtures written here from the
 * vendor's documented QoEMetrics and LcsCDR schemas (src/test/resources/importing/sfb-qoe), every mapped column
 * checked on the session details sub-tabs' records and verdicts against values worked out by hand from the files.
 */
@PortalIntegrationTest
class SfbServerQualityImportIT {

    static final List<String> FIXTURES = List.of(
            "sessions.tsv",
            "conference-sessions.tsv",
            "media.tsv",
            "dialogs.tsv",
            "qoe-dialogs.tsv",
            "qoe-sessions.csv",
            "qoe-media-lines.tsv",
            "qoe-audio-streams.tsv",
            "qoe-audio-client-events.txt",
            "qoe-audio-signals.tsv",
            "qoe-app-sharing-streams.tsv",
            "qoe-video-client-events.tsv",
            "qoe-video-streams.csv",
            "qoe-traceroutes.tsv",
            "qoe-feedback.csv",
            "qoe-feedback-tokens.csv",
            "users.tsv");

    @Autowired
    ImportCommands commands;

    @Autowired
    TestTenants testTenants;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    SessionDetailsService sessionDetails;

    @Autowired
    ReadModelCheck readModels;

    @Autowired
    ImportUploads uploads;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path files;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final String day = LocalDate.now(ZoneOffset.UTC).minusDays(3).toString();

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    @Test
    void every_qoe_table_lands_on_its_sub_tab_of_the_joined_dialog_with_the_verdicts_the_rules_give() throws Exception {
        Tenant tenant = tenantWithUsers("qoe");
        Path dir = fixtures(tenant, "export");

        assertThat(run("import", "sfb-server", dir.toString(), "--tenant=" + tenant.name()))
                .as(output())
                .isZero();

        assertThat(output())
                .contains("Quality records: 4 dialogs; 1 QoE sessions of dialogs not in this export and 1 earlier"
                        + " reports of a dialog skipped.")
                .contains("Users: 1 added to the directory, 1 already in it (left as they are), 1 telephone URIs"
                        + " skipped.")
                .contains("Imported 6 dialogs (0 stored ones replaced, 0 without media rows skipped)");
        // the Users table feeds the directory with the users it does not know; known ones keep their record
        String d = tenant.name();
        assertThat(user(tenant, "dave")).isEqualTo("dave@" + d + ", dave@" + d + ", " + day + ", im 1");
        assertThat(user(tenant, "ann")).isEqualTo("ann@" + d + ", Ann Example, 2025-01-01, im 1");
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        checkPeerToPeerAudioAndVideo(tenant);
        checkIceFailureAndThresholds(tenant);
        checkApplicationSharing(tenant);
        checkConferenceKeepsTheLatestReport(tenant);
        SessionQuality none = sessionDetails.quality(sessionId(tenant, "T12:00:00Z:4"));
        assertThat(none.report()).isEqualTo(Quality.Report.none());
        assertThat(rank(tenant, "T12:00:00Z:4")).isEqualTo(2); // audio without a QoE report: Unclassified
        assertThat(readModels.differences(tenant.id(), 20)).isEmpty();

        // run again (as after a killed import): the same records, once
        long rows = qualityRows(tenant);
        TestTenants.signOut();
        assertThat(run("import", "sfb-server", dir.toString(), "--tenant=" + tenant.name()))
                .isZero();
        assertThat(output())
                .contains("Users: 0 added to the directory, 2 already in it")
                .contains("Imported 6 dialogs (6 stored ones replaced");
        assertThat(user(tenant, "dave")).isEqualTo("dave@" + d + ", dave@" + d + ", " + day + ", im 1");
        assertThat(qualityRows(tenant)).isEqualTo(rows);
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        checkPeerToPeerAudioAndVideo(tenant);
        assertThat(readModels.differences(tenant.id(), 20)).isEmpty();
    }

    private void checkPeerToPeerAudioAndVideo(Tenant tenant) {
        SessionQuality quality = sessionDetails.quality(sessionId(tenant, "T09:00:00Z:1"));
        Quality.Report report = quality.report();
        assertThat(report.sessions())
                .containsExactlyInAnyOrder(
                        new Quality.SessionInfo(
                                Side.FROM,
                                "ANN-LAPTOP",
                                "Windows 10 Enterprise",
                                "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz",
                                4,
                                "UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)",
                                "None"),
                        new Quality.SessionInfo(
                                Side.TO,
                                "BOB-DESK",
                                "Windows 11 Pro",
                                "AMD Ryzen 7 PRO 5850U with Radeon Graphics",
                                8,
                                "UCCAPI/16.0.5000.1000 OC/16.0.5000.1000 (Skype for Business)",
                                "Hyper-V"));
        assertThat(report.mediaLines())
                .containsExactlyInAnyOrder(
                        new Quality.MediaLine(
                                Side.FROM,
                                Modality.AUDIO,
                                "10.1.2.3",
                                50010,
                                "10.1.2.0",
                                true,
                                false,
                                "wifi",
                                "Microphone (Jabra Evolve 75)",
                                "Speakers (Jabra Evolve 75)",
                                "direct",
                                null),
                        new Quality.MediaLine(
                                Side.TO,
                                Modality.AUDIO,
                                "10.4.5.6",
                                50020,
                                "10.4.5.0",
                                true,
                                false,
                                "wired",
                                "Headset Microphone (Plantronics)",
                                "Headphones (Plantronics)",
                                "direct",
                                null),
                        new Quality.MediaLine(
                                Side.FROM,
                                Modality.VIDEO,
                                "10.1.2.3",
                                50030,
                                "10.1.2.0",
                                true,
                                false,
                                "wifi",
                                "Integrated Webcam",
                                null,
                                "relay",
                                "192.0.2.10"),
                        new Quality.MediaLine(
                                Side.TO,
                                Modality.VIDEO,
                                "10.4.5.6",
                                50040,
                                "10.4.5.0",
                                true,
                                false,
                                "wired",
                                "Logitech BRIO",
                                null,
                                "direct",
                                null));
        // BandwidthEst and the bit rates are bits per second in QoEMetrics, kilobits per second in the portal
        assertThat(report.audioStreams())
                .containsExactlyInAnyOrder(
                        new Quality.AudioStream(
                                Side.FROM,
                                "SILKWide",
                                45.0,
                                80.0,
                                0.02,
                                0.05,
                                650.0,
                                900.0,
                                3.1,
                                2.2,
                                0.8,
                                1.6,
                                0.03,
                                0.1,
                                64.0),
                        new Quality.AudioStream(
                                Side.TO,
                                "SILKWide",
                                4.0,
                                9.0,
                                0.01,
                                0.03,
                                48.0,
                                70.0,
                                4.2,
                                3.9,
                                0.2,
                                0.4,
                                0.01,
                                0.0,
                                120.0));
        assertThat(report.audioClientEvents())
                .containsExactlyInAnyOrder(
                        new Quality.AudioClientEvents(
                                Side.FROM, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.11, 0.12,
                                null),
                        new Quality.AudioClientEvents(
                                Side.TO, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.25, null));
        assertThat(report.audioSignals())
                .containsExactlyInAnyOrder(
                        new Quality.AudioSignal(Side.FROM, -25.0, -28.0, -62.0, -60.0, 12.0, 1.0, 2.0),
                        new Quality.AudioSignal(Side.TO, -30.0, -27.0, -58.0, -61.0, null, 0.0, 3.0));
        assertThat(report.appSharingStreams()).isEmpty();
        // the caller's panoramic video line (label 2) loses to the main video line (label 1)
        assertThat(report.videoClientEvents())
                .containsExactlyInAnyOrder(
                        new Quality.VideoClientEvents(Side.FROM, 0.05, 0.10),
                        new Quality.VideoClientEvents(Side.TO, 0.0, 0.02));
        assertThat(report.videoStreams())
                .containsExactlyInAnyOrder(
                        new Quality.VideoStream(Side.FROM, "H264UC", "1280x720", 29.5, 30.0, 0.5, 0.01, 1500.0),
                        new Quality.VideoStream(Side.TO, "RTVideo", "640x360", 6.5, 15.0, null, null, 250.0),
                        new Quality.VideoStream(Side.TO, "H264UC", "1920x288", null, null, null, null, null));
        // the caller's hop 1 of the video line loses to the audio line's
        assertThat(report.traceroutes())
                .containsExactlyInAnyOrder(
                        new Quality.TracerouteHop(Side.FROM, 1, "10.1.2.1", 1.0),
                        new Quality.TracerouteHop(Side.FROM, 2, "203.0.113.1", 12.0),
                        new Quality.TracerouteHop(Side.TO, 1, "10.4.5.1", 2.0));
        // tokens the user picked (TokenValue 1), in TokenId order; the callee picked none
        assertThat(report.feedback())
                .containsExactlyInAnyOrder(
                        new Quality.Feedback(Side.FROM, 2, "Audio_SilentLocal,Audio_Echo", null),
                        new Quality.Feedback(Side.TO, 5, null, "Clear call, thanks"));

        assertThat(verdicts(report.audioStreams(), quality.audioVerdicts()))
                .containsEntry(Side.FROM + " SILKWide", "Poor: Round trip 650 ms > 500 ms; Jitter 45 ms > 30 ms")
                .containsEntry(Side.TO + " SILKWide", "Good");
        assertThat(verdicts(report.videoStreams(), quality.videoVerdicts()))
                .containsEntry(Side.FROM + " 1280x720", "Good")
                .containsEntry(Side.TO + " 640x360", "Poor: Average frame rate 6.5 fps < 7 fps")
                .containsEntry(Side.TO + " 1920x288", "Unclassified: No quality metric reported");
        assertThat(rank(tenant, "T09:00:00Z:1")).isEqualTo(3);
    }

    private void checkIceFailureAndThresholds(Tenant tenant) {
        SessionQuality quality = sessionDetails.quality(sessionId(tenant, "T10:00:00Z:2"));
        Quality.Report report = quality.report();
        assertThat(report.sessions())
                .containsExactlyInAnyOrder(
                        new Quality.SessionInfo(
                                Side.FROM,
                                "BOB-DESK",
                                "Windows 11 Pro",
                                null,
                                null,
                                "UCCAPI/16.0.5000.1000 OC/16.0.5000.1000 (Skype for Business)",
                                null),
                        new Quality.SessionInfo(
                                Side.TO,
                                "MED01",
                                "Windows Server 2019",
                                null,
                                null,
                                "RTCC/7.0.0.0 MediationServer",
                                "VMware"));
        assertThat(report.mediaLines())
                .containsExactlyInAnyOrder(
                        new Quality.MediaLine(
                                Side.FROM,
                                Modality.AUDIO,
                                "172.16.0.5",
                                50100,
                                "172.16.0.0",
                                false,
                                true,
                                "mobile",
                                "Microphone Array (Realtek)",
                                "Speakers (Realtek)",
                                "failed",
                                null),
                        new Quality.MediaLine(
                                Side.TO,
                                Modality.AUDIO,
                                "10.9.9.9",
                                60000,
                                "10.9.9.0",
                                true,
                                false,
                                "wired",
                                null,
                                null,
                                "direct",
                                null));
        assertThat(report.audioStreams())
                .containsExactlyInAnyOrder(
                        new Quality.AudioStream(
                                Side.FROM, "SIREN", 70.0, 95.0, 0.25, 0.4, 20.0, 30.0, 2.0, 1.5, 2.1, 2.5, 0.2, 0.3,
                                32.0),
                        new Quality.AudioStream(
                                Side.TO, "G722", 30.0, 31.0, 0.1, 0.1, 500.0, 510.0, 3.5, 3.4, 1.0, 1.0, 0.07, null,
                                null));
        // the caller's failed ICE hides its bad figures; the callee's figures sit exactly on every threshold
        assertThat(verdicts(report.audioStreams(), quality.audioVerdicts()))
                .containsEntry(Side.FROM + " SIREN", "Unclassified: ICE connectivity failed")
                .containsEntry(Side.TO + " G722", "Good");
        assertThat(report.feedback()).isEmpty();
        assertThat(rank(tenant, "T10:00:00Z:2")).isEqualTo(2);
    }

    private void checkApplicationSharing(Tenant tenant) {
        SessionQuality quality = sessionDetails.quality(sessionId(tenant, "T11:00:00Z:3"));
        Quality.Report report = quality.report();
        assertThat(report.mediaLines())
                .extracting(l -> l.side() + " " + l.mediaType() + " " + l.port() + " " + l.iceResult())
                .containsExactlyInAnyOrder(
                        "FROM AUDIO 50200 direct",
                        "TO AUDIO 50210 direct",
                        "FROM APPLICATION_SHARING 50220 http",
                        "TO APPLICATION_SHARING 50230 direct");
        assertThat(report.appSharingStreams())
                .containsExactlyInAnyOrder(
                        new Quality.AppSharingStream(Side.FROM, 12.0, 80.0, 0.01, 350.0, 40.0, 0.5),
                        new Quality.AppSharingStream(Side.TO, 8.0, 60.0, 0.0, 120.0, 5.0, 1.75));
        assertThat(verdicts(report.appSharingStreams(), quality.appSharingVerdicts()))
                .containsEntry(Side.FROM + " 40.0", "Poor: Spoiled tiles 40 % > 36 %")
                .containsEntry(Side.TO + " 5.0", "Good");
        assertThat(verdicts(report.audioStreams(), quality.audioVerdicts()))
                .containsOnly(Map.entry("FROM SILKWide", "Good"), Map.entry("TO SILKWide", "Good"));
        assertThat(rank(tenant, "T11:00:00Z:3")).isEqualTo(3);
    }

    private void checkConferenceKeepsTheLatestReport(Tenant tenant) {
        SessionQuality quality = sessionDetails.quality(sessionId(tenant, "T13:00:00Z:10"));
        Quality.Report report = quality.report();
        assertThat(report.mediaLines())
                .containsExactlyInAnyOrder(
                        new Quality.MediaLine(
                                Side.FROM,
                                Modality.AUDIO,
                                "10.7.7.7",
                                50310,
                                "10.7.7.0",
                                false,
                                true,
                                "tunnel",
                                "Microphone (Surface)",
                                "Speakers (Surface)",
                                "relay",
                                "198.51.100.7"),
                        new Quality.MediaLine(
                                Side.TO,
                                Modality.AUDIO,
                                "10.0.0.50",
                                57502,
                                "10.0.0.0",
                                true,
                                false,
                                null,
                                null,
                                null,
                                "direct",
                                null));
        assertThat(report.audioStreams())
                .containsExactly(new Quality.AudioStream(
                        Side.FROM, "SILKWide", 3.0, 7.0, 0.015, 0.04, 40.0, 55.0, 4.3, 4.1, 0.05, 0.1, 0.0, 0.0, 90.0));
        assertThat(report.feedback())
                .containsExactly(new Quality.Feedback(Side.FROM, 4, null, "Good, but \"echo\" at the start"));
        assertThat(report.sessions()).isEmpty();
        assertThat(rank(tenant, "T13:00:00Z:10")).isEqualTo(1);
    }

    @Test
    void uploaded_quality_files_import_as_the_command_line_imports_them() throws Exception {
        Tenant uploaded = tenantWithUsers("qoe-upload");
        Tenant commandLine = tenantWithUsers("qoe-upload-cli");
        Path cli = fixtures(commandLine, "cli");
        Path upload = fixtures(uploaded, "upload");
        testTenants.signInAs(uploaded, Role.GLOBAL_ADMIN);
        UploadFolder folder = uploads.newFolder();
        for (String name : FIXTURES) {
            try (var in = Files.newInputStream(upload.resolve(name))) {
                folder.receive(name, in);
            }
        }

        ImportUploadsIT.Recorder recorder = new ImportUploadsIT.Recorder();
        uploads.start(ImportUploads.Source.SFB_SERVER, folder, ImportUploads.Options.NONE, recorder);
        ImportUploads.Outcome outcome = recorder.outcome.get(60, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(outcome.status()).as(recorder.lines.toString()).isZero();
        assertThat(outcome.summary()).startsWith("Imported 6 dialogs (0 stored ones replaced");
        assertThat(recorder.lines).anyMatch(line -> line.startsWith("Quality records: 4 dialogs;"));
        TestTenants.signOut();
        assertThat(run("import", "sfb-server", cli.toString(), "--tenant=" + commandLine.name()))
                .isZero();
        assertThat(qualityRows(uploaded)).isEqualTo(qualityRows(commandLine)).isEqualTo(40);
    }

    @Test
    void bad_quality_rows_import_nothing_and_every_problem_names_file_line_and_column() throws Exception {
        Tenant tenant = tenantWithUsers("qoe-bad");
        Path dir = fixtures(tenant, "bad");
        String q1 = day + " 09:10:02.500\t1\t";
        Files.writeString(
                dir.resolve("qoe-audio-streams.tsv"),
                String.join("\t", SfbQualityFiles.FILES.get("qoe-audio-streams")) + "\n" + q1
                        + "0\tmaybe\tSILKWide\tfast\t\t\t\t\t\t\t\t\t\t\t\t\n",
                StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve("qoe-traceroutes.tsv"),
                "ConferenceDateTime\tSessionSeq\tMediaLineLabel\tFromCaller\tHop\tIPAddress\tRTT\n"
                        + q1 + "0\t1\t\t10.1.2.1\t1\n"
                        + q1 + "0\t0\t1\t10.4.5.1\t2\n"
                        + q1 + "0\t0\t1\t10.4.5.2\t3\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("qoe-video-streams.csv"), "ConferenceDateTime,SessionSeq,MediaLineLabel\n", UTF8);
        Files.writeString(
                dir.resolve("qoe-feedback.csv"),
                "ConferenceDateTime,SessionSeq,FromCaller,Rating,FeedbackText\n" + day + "T09:10:02.5,1,True,6,\n",
                UTF8);
        Files.writeString(
                dir.resolve("qoe-media-lines.tsv"),
                Files.readString(dir.resolve("qoe-media-lines.tsv"))
                        .replace(day + " 11:30:01.000\t1\t3\t", day + " 11:30:01.000\t1\t7\t"),
                UTF8);
        Files.writeString(
                dir.resolve("qoe-dialogs.tsv"),
                Files.readString(dir.resolve("qoe-dialogs.tsv")) + day + " 16:00:00\t1\t;from-tag=x\n",
                UTF8);

        Files.writeString(dir.resolve("users.tsv"), "UserUri\tFirstRegisterTime\nsip:erin@example.com\t\n", UTF8);

        assertThat(run("import", "sfb-server", dir.toString(), "--tenant=" + tenant.name()))
                .isEqualTo(2);

        Path streams = dir.resolve("qoe-audio-streams.tsv");
        Path hops = dir.resolve("qoe-traceroutes.tsv");
        assertThat(output())
                .contains(dir.resolve("qoe-dialogs.tsv") + ":9:3: column 3, DialogID: must be a SIP dialog id")
                .contains(streams + ":2:4: column 4, SenderIsCallerPAI: \"maybe\" is not a bit (1 or 0, True or False)")
                .contains(streams + ":2:6: column 6, JitterInterArrival: \"fast\" is not a number")
                .contains(hops + ":2:5: column 5, Hop: is required")
                .contains(hops + ":4:1: session " + day + " 09:10:02.500 1, record: repeats the TO side's record"
                        + " of hop 1 of line 3; each side has one")
                .contains(dir.resolve("qoe-video-streams.csv") + ":1:0: header, SenderIsCallerPAI: is missing")
                .contains(dir.resolve("qoe-feedback.csv") + ":2:4: column 4, Rating: must be a rating of 1 to 5 stars")
                .contains(dir.resolve("qoe-media-lines.tsv")
                        + ":7:3: column 3, MediaLineLabel: must be a media line label 0, 1, 2, 3 or 16")
                .contains(dir.resolve("users.tsv") + ":2:2: column 2, FirstRegisterTime: is required")
                .contains("nothing was imported");
        assertThat(count(tenant)).isZero();
        currentTenant.runAs(tenant.id(), () -> assertThat(directory.count()).isEqualTo(3));
    }

    @Test
    void files_whose_rows_are_in_any_order_import_exactly_as_the_files_in_order() throws Exception {
        Tenant ordered = tenantWithUsers("qoe-ordered");
        Tenant reversed = tenantWithUsers("qoe-reversed");
        Path inOrder = fixtures(ordered, "ordered");
        Path backwards = fixtures(reversed, "reversed");
        for (String name : FIXTURES) {
            Path file = backwards.resolve(name);
            List<String> lines = Files.readAllLines(file, UTF8);
            int header = lines.size() > 1 && lines.get(1).matches("[-\\t ]+") ? 2 : 1; // sqlcmd's underline stays
            List<String> rows = new java.util.ArrayList<>(lines.subList(header, lines.size()));
            java.util.Collections.reverse(rows);
            List<String> written = new java.util.ArrayList<>(lines.subList(0, header));
            written.addAll(rows);
            Files.write(file, written, UTF8);
        }
        // no file is sorted by dialog or QoE session any more (the media file was not to begin with)
        assertThat(Files.readAllLines(backwards.resolve("sessions.tsv"), UTF8).get(2))
                .contains(day + " 12:30:00.000\t6\t");
        assertThat(Files.readAllLines(backwards.resolve("qoe-dialogs.tsv"), UTF8)
                        .get(2))
                .contains(day + " 15:00:00.000\t1\t");

        assertThat(run("import", "sfb-server", inOrder.toString(), "--tenant=" + ordered.name()))
                .as(output())
                .isZero();
        List<String> orderedSummary = summary(output());
        output.reset();
        assertThat(run("import", "sfb-server", backwards.toString(), "--tenant=" + reversed.name()))
                .as(output())
                .isZero();

        assertThat(summary(output())).isEqualTo(orderedSummary).hasSize(3);
        assertThat(dump(reversed)).isEqualTo(dump(ordered)).hasSize(6 + 40);
    }

    /** The summary lines of an import, without their timing. */
    private static List<String> summary(String output) {
        return output.lines()
                .filter(line -> line.matches("(Quality records:|Users:|Imported) .*"))
                .map(line -> line.replaceAll(" in [0-9.]+ s .*", ""))
                .toList();
    }

    /** Every stored session of the tenant and its media and quality records, the tenant's domain left out. */
    private List<String> dump(Tenant tenant) {
        List<String> rows = new java.util.ArrayList<>();
        for (var row : jdbc.sql("""
                        SELECT s.dialog_id, s.start_time, s.end_time, s.from_uri, s.to_uri, s.from_client_version,
                               s.to_client_version, s.from_endpoint_id, s.to_endpoint_id, s.on_behalf_of_uri,
                               s.referred_by_uri, s.response_code, s.diagnostic_id, s.im_message_count,
                               s.conference_url, s.conf_instance, s.from_tel, s.to_tel, s.quality_rank,
                               (SELECT GROUP_CONCAT(m.media_type_id, ':', m.duration_ms ORDER BY m.media_type_id)
                                FROM session_media m WHERE m.session_id = s.id) AS media
                        FROM comm_session s WHERE s.tenant_id = :t""").param("t", tenant.id()).query().listOfRows()) {
            rows.add(row.toString());
        }
        for (String table : List.of(
                "qoe_session",
                "qoe_media_line",
                "qoe_audio_stream",
                "qoe_audio_client_event",
                "qoe_audio_signal",
                "qoe_app_sharing_stream",
                "qoe_video_client_event",
                "qoe_video_stream",
                "qoe_traceroute",
                "qoe_feedback")) {
            for (var row : jdbc.sql("SELECT s.dialog_id, x.* FROM " + table
                            + " x JOIN comm_session s ON s.id = x.session_id WHERE x.tenant_id = :t")
                    .param("t", tenant.id())
                    .query()
                    .listOfRows()) {
                row.keySet().removeAll(List.of("id", "session_id", "tenant_id"));
                rows.add(table + " " + row);
            }
        }
        return rows.stream()
                .map(row -> row.replace(tenant.name(), "{{DOMAIN}}"))
                .sorted()
                .toList();
    }

    @Test
    void quality_files_without_the_dialog_ids_to_join_them_by_import_nothing() throws Exception {
        Tenant tenant = tenantWithUsers("qoe-unjoined");
        Path dir = fixtures(tenant, "unjoined");
        Files.delete(dir.resolve("dialogs.tsv"));

        assertThat(run("import", "sfb-server", dir.toString(), "--tenant=" + tenant.name()))
                .isEqualTo(1);

        assertThat(output()).contains("The quality files (qoe-*) need dialogs.(tsv|csv|txt) and qoe-dialogs");
        assertThat(count(tenant)).isZero();
    }

    private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

    /** Each stream's verdict as the sub-tab's Verdict row reads it, by side and a value that tells it apart. */
    private static <T> Map<String, String> verdicts(List<T> streams, List<StreamVerdict> verdicts) {
        assertThat(verdicts).hasSameSizeAs(streams);
        Map<String, String> bySide = new java.util.HashMap<>();
        for (int i = 0; i < streams.size(); i++) {
            Object stream = streams.get(i);
            String key;
            if (stream instanceof Quality.AudioStream s) {
                key = s.side() + " " + s.codec();
            } else if (stream instanceof Quality.VideoStream s) {
                key = s.side() + " " + s.resolution();
            } else {
                Quality.AppSharingStream s = (Quality.AppSharingStream) stream;
                key = s.side() + " " + s.spoiledTilePercent();
            }
            StreamVerdict verdict = verdicts.get(i);
            bySide.put(
                    key,
                    verdict.verdict().label()
                            + (verdict.verdict() == Verdict.GOOD ? "" : ": " + String.join("; ", verdict.reasons())));
        }
        return bySide;
    }

    private Tenant tenantWithUsers(String label) {
        Tenant tenant = testTenants.newTenant(label);
        String d = tenant.name();
        LocalDate from = LocalDate.parse("2025-01-01");
        currentTenant.runAs(
                tenant.id(),
                () -> directory.upsert(List.of(
                        new UserRecord("ann@" + d, "ann", "Ann Example", from, null),
                        new UserRecord("bob@" + d, "bob", "Bob Example", from, null),
                        new UserRecord("carol@" + d, "carol", "Carol Example", from, null))));
        return tenant;
    }

    private Path fixtures(Tenant tenant, String folder) throws IOException {
        Path dir = Files.createDirectories(files.resolve(tenant.name() + "-" + folder));
        for (String name : FIXTURES) {
            try (var in = getClass().getResourceAsStream("/importing/sfb-qoe/" + name)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Files.writeString(
                        dir.resolve(name), text.replace("{{DAY}}", day).replace("{{DOMAIN}}", tenant.name()));
            }
        }
        return dir;
    }

    private int run(String... args) {
        return commands.execute(List.of(args), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private long sessionId(Tenant tenant, String timeAndSeq) {
        return jdbc.sql("SELECT id FROM comm_session WHERE tenant_id = :t AND dialog_id = :d")
                .param("t", tenant.id())
                .param("d", "sfb:" + day + timeAndSeq)
                .query(Long.class)
                .single();
    }

    private int rank(Tenant tenant, String timeAndSeq) {
        return jdbc.sql("SELECT quality_rank FROM comm_session WHERE tenant_id = :t AND dialog_id = :d")
                .param("t", tenant.id())
                .param("d", "sfb:" + day + timeAndSeq)
                .query(Integer.class)
                .single();
    }

    private long qualityRows(Tenant tenant) {
        long rows = 0;
        for (String table : List.of(
                "qoe_session",
                "qoe_media_line",
                "qoe_audio_stream",
                "qoe_audio_client_event",
                "qoe_audio_signal",
                "qoe_app_sharing_stream",
                "qoe_video_client_event",
                "qoe_video_stream",
                "qoe_traceroute",
                "qoe_feedback")) {
            rows += jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :t")
                    .param("t", tenant.id())
                    .query(Long.class)
                    .single();
        }
        return rows;
    }

    /** A directory user as stored, with the peer-to-peer IM sessions counted for them. */
    private String user(Tenant tenant, String alias) {
        return jdbc.sql("""
                SELECT CONCAT(u.upn, ', ', u.display_name, ', ', u.licensed_from, ', im ',
                              (SELECT COALESCE(SUM(r.p2p_im), 0) FROM user_daily_rollup r
                               WHERE r.tenant_id = u.tenant_id AND r.user_id = u.id))
                FROM licensed_user u WHERE u.tenant_id = :t AND u.alias = :a""")
                .param("t", tenant.id())
                .param("a", alias)
                .query(String.class)
                .single();
    }

    private long count(Tenant tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
    }
}
