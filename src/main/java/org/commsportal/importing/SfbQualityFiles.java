package org.commsportal.importing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The quality-of-experience part of {@code import sfb-server} (docs/import-sfb-server.md, "Quality of experience"):
 * the files exported from the QoEMetrics database, whose rows are keyed by ConferenceDateTime + SessionSeq, joined
 * to the LcsCDR dialogs of the same export through the SIP dialog id (Call-ID, from-tag, to-tag) that both databases
 * keep ({@code dialogs} from LcsCDR, {@code qoe-dialogs} from QoEMetrics), and turned into the quality record lists
 * of the portal's ingestion format (docs/ingest.md, "Quality records").
 */
final class SfbQualityFiles {

    private SfbQualityFiles() {}

    /** How a file's rows say whose record they are: the portal's FROM side is the caller, TO the callee. */
    private enum Sides {
        /** One row holds both sides in Caller… and Callee… columns (Session, MediaLine). */
        CALLER_AND_CALLEE,
        /** A stream row, {@code SenderIsCallerPAI} 1: sent by the caller. */
        SENDER_IS_CALLER,
        /** One row per endpoint, {@code FromCaller} 1: the caller's report. */
        FROM_CALLER
    }

    private enum Kind {
        TEXT,
        WHOLE,
        NUMBER,
        /** Bits per second in the file, kilobits per second in the portal. */
        KBPS,
        FLAG,
        ICE,
        CONNECTION,
        VIRTUALIZATION
    }

    /** A file column (without its Caller/Callee prefix for two-sided tables) and the portal field it fills. */
    private record Column(String source, String field, Kind kind) {}

    /**
     * A QoEMetrics table as exported: its file, the portal's list, how rows tell the side, whether rows carry a
     * MediaLineLabel, and whether the portal keeps one record per side (then the lowest media line label wins).
     */
    private record Table(
            String file, String list, Sides sides, boolean labelled, boolean oncePerSide, List<Column> columns) {

        List<String> header() {
            List<String> header = new ArrayList<>(List.of("ConferenceDateTime", "SessionSeq"));
            if (labelled) {
                header.add("MediaLineLabel");
            }
            switch (sides) {
                case SENDER_IS_CALLER -> header.add("SenderIsCallerPAI");
                case FROM_CALLER -> header.add("FromCaller");
                case CALLER_AND_CALLEE -> {}
            }
            for (Column column : columns) {
                if (sides == Sides.CALLER_AND_CALLEE) {
                    header.add("Caller" + column.source());
                    header.add("Callee" + column.source());
                } else {
                    header.add(column.source());
                }
            }
            return header;
        }
    }

    private static Column text(String source, String field) {
        return new Column(source, field, Kind.TEXT);
    }

    private static Column number(String source, String field) {
        return new Column(source, field, Kind.NUMBER);
    }

    /** The tables in the order of the session details sub-tabs (docs/session-details.md, "Quality sub-tabs"). */
    static final List<Table> TABLES = List.of(
            new Table(
                    "qoe-sessions",
                    "sessions",
                    Sides.CALLER_AND_CALLEE,
                    false,
                    true,
                    List.of(
                            text("Endpoint", "machineName"),
                            text("OS", "osVersion"),
                            text("CPUName", "cpuName"),
                            new Column("CPUNumberOfCores", "cpuCores", Kind.WHOLE),
                            text("UserAgent", "userAgent"),
                            new Column("VirtualizationFlag", "virtualization", Kind.VIRTUALIZATION))),
            new Table(
                    "qoe-media-lines",
                    "mediaLines",
                    Sides.CALLER_AND_CALLEE,
                    true,
                    false,
                    List.of(
                            text("IPAddr", "ipAddress"),
                            new Column("Port", "port", Kind.WHOLE),
                            text("Subnet", "subnet"),
                            new Column("Inside", "insideCorp", Kind.FLAG),
                            new Column("VPN", "vpn", Kind.FLAG),
                            new Column("NetworkConnectionType", "connectionType", Kind.CONNECTION),
                            text("CaptureDev", "captureDevice"),
                            text("RenderDev", "renderDevice"),
                            new Column("ConnectivityICE", "iceResult", Kind.ICE),
                            text("RelayIPAddr", "relayIpAddress"))),
            new Table(
                    "qoe-audio-streams",
                    "audioStreams",
                    Sides.SENDER_IS_CALLER,
                    true,
                    false,
                    List.of(
                            text("Codec", "codec"),
                            number("JitterInterArrival", "jitterAvgMs"),
                            number("JitterInterArrivalMax", "jitterMaxMs"),
                            number("PacketLossRate", "packetLossRateAvg"),
                            number("PacketLossRateMax", "packetLossRateMax"),
                            number("RoundTrip", "roundTripAvgMs"),
                            number("RoundTripMax", "roundTripMaxMs"),
                            number("OverallAvgNetworkMOS", "networkMosAvg"),
                            number("OverallMinNetworkMOS", "networkMosMin"),
                            number("DegradationAvg", "degradationAvg"),
                            number("DegradationMax", "degradationMax"),
                            number("RatioConcealedSamplesAvg", "concealedRatioAvg"),
                            number("BurstDensity", "burstDensity"),
                            new Column("BandwidthEst", "bandwidthEstimateKbps", Kind.KBPS))),
            new Table(
                    "qoe-audio-client-events",
                    "audioClientEvents",
                    Sides.FROM_CALLER,
                    true,
                    true,
                    List.of(
                            number("NetworkSendQualityEventRatio", "networkSendQualityBadRatio"),
                            number("NetworkReceiveQualityEventRatio", "networkReceiveQualityBadRatio"),
                            number("NetworkDelayEventRatio", "networkDelayEventRatio"),
                            number("NetworkBandwidthLowEventRatio", "networkLowBandwidthRatio"),
                            number("CPUInsufficientEventRatio", "cpuInsufficientEventRatio"),
                            number("DeviceCaptureNotFunctioningEventRatio", "deviceCaptureNotFunctioningRatio"),
                            number("DeviceRenderNotFunctioningEventRatio", "deviceRenderNotFunctioningRatio"),
                            number("DeviceGlitchesEventRatio", "deviceGlitchesEventRatio"),
                            number("DeviceLowSNREventRatio", "deviceLowSnrEventRatio"),
                            number("DeviceLowSpeechLevelEventRatio", "deviceLowSpeechLevelRatio"),
                            number("DeviceClippingEventRatio", "deviceClippingEventRatio"),
                            number("DeviceEchoEventRatio", "deviceEchoEventRatio"))),
            new Table(
                    "qoe-audio-signals",
                    "audioSignals",
                    Sides.FROM_CALLER,
                    true,
                    true,
                    List.of(
                            number("SendSignalLevel", "sendSignalLevelDbmo"),
                            number("RecvSignalLevel", "recvSignalLevelDbmo"),
                            number("SendNoiseLevel", "sendNoiseLevelDbmo"),
                            number("RecvNoiseLevel", "recvNoiseLevelDbmo"),
                            number("EchoReturn", "echoReturnDb"),
                            number("AudioMicGlitchRate", "micGlitchRate"),
                            number("AudioSpeakerGlitchRate", "speakerGlitchRate"))),
            new Table(
                    "qoe-app-sharing-streams",
                    "appSharingStreams",
                    Sides.SENDER_IS_CALLER,
                    true,
                    false,
                    List.of(
                            number("JitterInterArrival", "jitterAvgMs"),
                            number("RoundTrip", "roundTripAvgMs"),
                            number("PacketLossRate", "packetLossRateAvg"),
                            number("RDPTileProcessingLatencyAverage", "rdpTileProcessingLatencyAvgMs"),
                            number("SpoiledTilePercentAverage", "spoiledTilePercent"),
                            number("RelativeOneWayAverage", "relativeOneWayAvgS"))),
            new Table(
                    "qoe-video-client-events",
                    "videoClientEvents",
                    Sides.FROM_CALLER,
                    true,
                    true,
                    List.of(
                            number("NetworkBandwidthLowEventRatio", "lowBandwidthRatio"),
                            number("NetworkReceiveQualityEventRatio", "receiveQualityBadRatio"))),
            new Table(
                    "qoe-video-streams",
                    "videoStreams",
                    Sides.SENDER_IS_CALLER,
                    true,
                    false,
                    List.of(
                            text("Codec", "codec"),
                            text("VideoResolution", "resolution"),
                            number("InboundVideoFrameRateAvg", "frameRateInAvg"),
                            number("OutboundVideoFrameRateAvg", "frameRateOutAvg"),
                            number("VideoLocalFrameLossPercentageAvg", "localFrameLossPercent"),
                            number("VideoPostFECPLR", "postFecPacketLoss"),
                            new Column("VideoBitRateAvg", "bitRateKbps", Kind.KBPS))),
            new Table(
                    "qoe-traceroutes",
                    "traceroutes",
                    Sides.FROM_CALLER,
                    true,
                    true,
                    List.of(
                            new Column("Hop", "hop", Kind.WHOLE),
                            text("IPAddress", "ipAddress"),
                            number("RTT", "rttMs"))),
            new Table(
                    "qoe-feedback",
                    "feedback",
                    Sides.FROM_CALLER,
                    false,
                    true,
                    List.of(new Column("Rating", "rating", Kind.WHOLE), text("FeedbackText", "feedbackText"))));

    static final String DIALOGS = "dialogs";
    static final String QOE_DIALOGS = "qoe-dialogs";
    static final String TOKENS = "qoe-feedback-tokens";

    /** Every file of this part, by base name, with the columns it must have (the queries' column names). */
    static final Map<String, List<String>> FILES = files();

    private static Map<String, List<String>> files() {
        Map<String, List<String>> files = new LinkedHashMap<>();
        files.put(DIALOGS, List.of("SessionIdTime", "SessionIdSeq", "ExternalId"));
        files.put(QOE_DIALOGS, List.of("ConferenceDateTime", "SessionSeq", "DialogID"));
        for (Table table : TABLES) {
            files.put(table.file(), table.header());
        }
        files.put(
                TOKENS,
                List.of("ConferenceDateTime", "SessionSeq", "FromCaller", "TokenId", "TokenDescription", "TokenValue"));
        return Collections.unmodifiableMap(files);
    }

    /**
     * The quality records read, by the dialog key of the LcsCDR files ({@code SessionIdTime:SessionIdSeq}), and what
     * could not be joined: QoE sessions whose dialog is not in the export's {@code dialogs} file, and earlier reports
     * of a dialog that a later QoE session of the same dialog replaced.
     */
    record Result(Map<String, ObjectNode> byDialog, long unmatched, long superseded) {
        static final Result NONE = new Result(Map.of(), 0, 0);
    }

    /** A SIP dialog id as both databases write it: {@code callid;from-tag=…;to-tag=…} (or the tags by position). */
    record DialogId(String callId, String fromTag, @Nullable String toTag) {

        static @Nullable DialogId parse(String text) {
            String[] parts = text.strip().split(";");
            String callId = parts[0].strip();
            String from = null;
            String to = null;
            int position = 0;
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].strip();
                String lower = part.toLowerCase(Locale.ROOT);
                if (lower.startsWith("from-tag=")) {
                    from = part.substring(9);
                } else if (lower.startsWith("to-tag=")) {
                    to = part.substring(7);
                } else if (!part.contains("=")) {
                    position++;
                    if (position == 1 && from == null) {
                        from = part;
                    } else if (position == 2 && to == null) {
                        to = part;
                    }
                }
            }
            if (callId.isEmpty() || from == null || from.isEmpty()) {
                return null;
            }
            return new DialogId(callId, from, to == null || to.isEmpty() ? null : to);
        }

        String callAndFrom() {
            return callId + "\n" + fromTag;
        }
    }

    /** A CDR dialog as the {@code dialogs} file names it. */
    private record CdrDialog(String key, @Nullable String toTag) {}

    /** A QoE session joined to a CDR dialog. */
    private record Joined(String cdrKey, Instant time, int seq) {}

    /** A record of a once-per-side list, with the media line label that decides which one is kept. */
    private record Slot(int label, long line, ObjectNode record) {}

    /** The quality records of one CDR dialog while the files are read. */
    private static final class Records {
        final Map<String, List<ObjectNode>> lists = new LinkedHashMap<>();
        final Map<String, Slot> slots = new LinkedHashMap<>();
        final Map<String, TreeMap<Integer, String>> tokens = new HashMap<>();
    }

    static boolean any(Map<String, Path> found) {
        return FILES.keySet().stream().anyMatch(found::containsKey);
    }

    /** Reads every QoE file found; problems are added, never thrown. */
    static Result read(Map<String, Path> found, ImportProblems problems, PrintStream out) throws IOException {
        if (!any(found)) {
            return Result.NONE;
        }
        out.println("Reading " + found.get(DIALOGS) + " ...");
        Map<String, List<CdrDialog>> cdr = cdrDialogs(found.get(DIALOGS), problems);
        out.println("Reading " + found.get(QOE_DIALOGS) + " ...");
        long[] unmatched = {0};
        Map<String, Joined> latest = new HashMap<>(); // by CDR key: the latest QoE session of the dialog
        Map<String, Joined> joined = new HashMap<>(); // by QoE key
        SfbServerImport.rows(found.get(QOE_DIALOGS), FILES.get(QOE_DIALOGS), problems, (line, row) -> {
            Path file = found.get(QOE_DIALOGS);
            Instant time = SfbServerImport.time(file, line, row, "ConferenceDateTime", true, problems);
            Integer seq = required(file, line, row, "SessionSeq", problems);
            String text = row.get("DialogID");
            DialogId id = text == null ? null : DialogId.parse(text);
            if (id == null) {
                problems.add(SfbServerImport.problem(
                        file, line, row, "DialogID", "must be a SIP dialog id such as callid;from-tag=…;to-tag=…"));
            }
            if (time == null || seq == null || id == null) {
                return;
            }
            String cdrKey = match(cdr.get(id.callAndFrom()), id.toTag());
            if (cdrKey == null) {
                unmatched[0]++;
                return;
            }
            Joined session = new Joined(cdrKey, time, seq);
            joined.put(time + ":" + seq, session);
            latest.merge(cdrKey, session, (a, b) -> later(a, b) ? a : b);
        });
        long superseded = joined.values().stream()
                .filter(j -> latest.get(j.cdrKey()) != j)
                .count();
        Map<String, Records> records = new HashMap<>();
        for (Table table : TABLES) {
            Path file = found.get(table.file());
            if (file != null) {
                out.println("Reading " + file + " ...");
                read(file, table, joined, latest, records, problems);
            }
        }
        if (found.containsKey(TOKENS)) {
            out.println("Reading " + found.get(TOKENS) + " ...");
            tokens(found.get(TOKENS), joined, latest, records, problems);
        }
        Map<String, ObjectNode> byDialog = new HashMap<>();
        records.forEach((cdrKey, r) -> byDialog.put(cdrKey, quality(r)));
        return new Result(byDialog, unmatched[0], superseded);
    }

    private static boolean later(Joined a, Joined b) {
        int byTime = a.time().compareTo(b.time());
        return byTime != 0 ? byTime > 0 : a.seq() > b.seq();
    }

    private static @Nullable String match(@Nullable List<CdrDialog> candidates, @Nullable String toTag) {
        if (candidates == null) {
            return null;
        }
        for (CdrDialog candidate : candidates) {
            if (toTag != null && toTag.equals(candidate.toTag())) {
                return candidate.key();
            }
        }
        // A report or record without a to-tag names the dialog by Call-ID and from-tag, when that is unambiguous.
        return candidates.size() == 1 && (toTag == null || candidates.get(0).toTag() == null)
                ? candidates.get(0).key()
                : null;
    }

    private static Map<String, List<CdrDialog>> cdrDialogs(Path file, ImportProblems problems) throws IOException {
        Map<String, List<CdrDialog>> dialogs = new HashMap<>();
        SfbServerImport.rows(file, FILES.get(DIALOGS), problems, (line, row) -> {
            Instant time = SfbServerImport.time(file, line, row, "SessionIdTime", true, problems);
            Integer seq = required(file, line, row, "SessionIdSeq", problems);
            String text = row.get("ExternalId");
            DialogId id = text == null ? null : DialogId.parse(text);
            if (id == null) {
                problems.add(SfbServerImport.problem(
                        file,
                        line,
                        row,
                        "ExternalId",
                        "must be a SIP dialog id such as callid;from-tag;to-tag (the query casts it to text)"));
            }
            if (time != null && seq != null && id != null) {
                dialogs.computeIfAbsent(id.callAndFrom(), k -> new ArrayList<>(1))
                        .add(new CdrDialog(time + ":" + seq, id.toTag()));
            }
        });
        return dialogs;
    }

    private static void read(
            Path file,
            Table table,
            Map<String, Joined> joined,
            Map<String, Joined> latest,
            Map<String, Records> records,
            ImportProblems problems)
            throws IOException {
        SfbServerImport.rows(file, FILES.get(table.file()), problems, (line, row) -> {
            Joined session = session(file, line, row, joined, latest, problems);
            Integer label = table.labelled() ? required(file, line, row, "MediaLineLabel", problems) : 0;
            String mediaType = null;
            if (table.list().equals("mediaLines") && label != null) {
                mediaType = mediaType(label);
                if (mediaType == null) {
                    problems.add(SfbServerImport.problem(
                            file, line, row, "MediaLineLabel", "must be a media line label 0, 1, 2, 3 or 16"));
                }
            }
            List<ObjectNode> sides = new ArrayList<>(2);
            switch (table.sides()) {
                case CALLER_AND_CALLEE -> {
                    sides.add(record(file, line, row, table, "Caller", "FROM", problems));
                    sides.add(record(file, line, row, table, "Callee", "TO", problems));
                }
                default -> {
                    String column = table.sides() == Sides.SENDER_IS_CALLER ? "SenderIsCallerPAI" : "FromCaller";
                    Boolean caller = flag(file, line, row, column, problems);
                    if (caller == null && row.get(column) == null) {
                        problems.add(SfbServerImport.problem(file, line, row, column, "is required"));
                    }
                    ObjectNode record =
                            record(file, line, row, table, "", Boolean.FALSE.equals(caller) ? "TO" : "FROM", problems);
                    if (table.list().equals("traceroutes") && record != null && !record.has("hop")) {
                        problems.add(SfbServerImport.problem(file, line, row, "Hop", "is required"));
                        record = null;
                    }
                    if (table.list().equals("feedback") && record != null) {
                        int rating = record.path("rating").asInt(0);
                        if (rating < 1 || rating > 5) {
                            problems.add(SfbServerImport.problem(
                                    file, line, row, "Rating", "must be a rating of 1 to 5 stars"));
                        }
                    }
                    sides.add(caller == null ? null : record);
                }
            }
            if (session == null || label == null || (table.list().equals("mediaLines") && mediaType == null)) {
                return;
            }
            Records r = records.computeIfAbsent(session.cdrKey(), k -> new Records());
            for (ObjectNode record : sides) {
                if (record == null) {
                    continue;
                }
                if (mediaType != null) {
                    record.put("mediaType", mediaType);
                }
                if (!table.oncePerSide()) {
                    r.lists
                            .computeIfAbsent(table.list(), k -> new ArrayList<>())
                            .add(record);
                    continue;
                }
                String slot = table.list() + " " + record.path("side").asText()
                        + (record.has("hop") ? " " + record.path("hop").asInt() : "");
                Slot held = r.slots.get(slot);
                if (held == null || label < held.label()) {
                    r.slots.put(slot, new Slot(label, line, record));
                } else if (label.equals(held.label())) {
                    problems.add(new ImportProblem(
                            new SourceLocation(file, line, 1),
                            "session " + row.get("ConferenceDateTime") + " " + row.get("SessionSeq"),
                            "",
                            "repeats the " + record.path("side").asText() + " side's record"
                                    + (record.has("hop")
                                            ? " of hop " + record.path("hop").asInt()
                                            : "")
                                    + " of line " + held.line() + "; each side has one"));
                }
            }
        });
    }

    /**
     * The CDR dialog of a row, or null when the row's QoE session is not in the export's dialogs or a later QoE
     * session of the same dialog replaces it.
     */
    private static @Nullable Joined session(
            Path file,
            long line,
            Map<String, String> row,
            Map<String, Joined> joined,
            Map<String, Joined> latest,
            ImportProblems problems) {
        Instant time = SfbServerImport.time(file, line, row, "ConferenceDateTime", true, problems);
        Integer seq = required(file, line, row, "SessionSeq", problems);
        if (time == null || seq == null) {
            return null;
        }
        Joined session = joined.get(time + ":" + seq);
        return session == null || latest.get(session.cdrKey()) != session ? null : session;
    }

    /** One side's record of a row, or null when that side reported nothing. */
    private static @Nullable ObjectNode record(
            Path file,
            long line,
            Map<String, String> row,
            Table table,
            String prefix,
            String side,
            ImportProblems problems) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("side", side);
        boolean any = false;
        for (Column column : table.columns()) {
            String name = prefix + column.source();
            String value = row.get(name);
            if (value == null) {
                continue;
            }
            any |= put(file, line, row, name, value, column, record, problems);
        }
        return any ? record : null;
    }

    private static boolean put(
            Path file,
            long line,
            Map<String, String> row,
            String name,
            String value,
            Column column,
            ObjectNode record,
            ImportProblems problems) {
        switch (column.kind()) {
            case TEXT -> record.put(column.field(), value);
            case WHOLE -> {
                Integer whole = SfbServerImport.integer(file, line, row, name, problems);
                if (whole == null) {
                    return false;
                }
                record.put(column.field(), whole);
            }
            case NUMBER, KBPS -> {
                Double number = number(file, line, row, name, problems);
                if (number == null) {
                    return false;
                }
                record.put(column.field(), column.kind() == Kind.KBPS ? number / 1000 : number);
            }
            case FLAG -> {
                Boolean flag = flag(file, line, row, name, problems);
                if (flag == null) {
                    return false;
                }
                record.put(column.field(), flag);
            }
            case ICE -> record.put(column.field(), ice(value));
            case CONNECTION -> record.put(column.field(), connection(value));
            case VIRTUALIZATION -> record.put(column.field(), virtualization(value));
        }
        return true;
    }

    private static void tokens(
            Path file,
            Map<String, Joined> joined,
            Map<String, Joined> latest,
            Map<String, Records> records,
            ImportProblems problems)
            throws IOException {
        SfbServerImport.rows(file, FILES.get(TOKENS), problems, (line, row) -> {
            Joined session = session(file, line, row, joined, latest, problems);
            Boolean caller = flag(file, line, row, "FromCaller", problems);
            if (caller == null && row.get("FromCaller") == null) {
                problems.add(SfbServerImport.problem(file, line, row, "FromCaller", "is required"));
            }
            Integer id = required(file, line, row, "TokenId", problems);
            Integer value = SfbServerImport.integer(file, line, row, "TokenValue", problems);
            if (session == null || caller == null || id == null || value == null || value == 0) {
                return; // a token the user did not pick (TokenValue 0) is no problem reported
            }
            String description = row.getOrDefault("TokenDescription", String.valueOf(id));
            records.computeIfAbsent(session.cdrKey(), k -> new Records())
                    .tokens
                    .computeIfAbsent(caller ? "FROM" : "TO", k -> new TreeMap<>())
                    .put(id, description);
        });
    }

    /** The portal's {@code quality} object of one dialog, lists in the order of the sub-tabs. */
    private static ObjectNode quality(Records r) {
        Map<String, List<ObjectNode>> lists = new LinkedHashMap<>();
        for (Table table : TABLES) {
            lists.put(table.list(), new ArrayList<>());
        }
        r.lists.forEach((list, records) -> lists.get(list).addAll(records));
        r.slots.forEach(
                (slot, held) -> lists.get(slot.substring(0, slot.indexOf(' '))).add(held.record()));
        for (ObjectNode feedback : lists.get("feedback")) {
            TreeMap<Integer, String> tokens = r.tokens.get(feedback.path("side").asText());
            if (tokens != null) {
                StringJoiner joined = new StringJoiner(",");
                tokens.values().forEach(joined::add);
                feedback.put("tokens", joined.toString());
            }
        }
        ObjectNode quality = JsonNodeFactory.instance.objectNode();
        lists.forEach((list, records) -> {
            if (!records.isEmpty()) {
                ArrayNode array = quality.putArray(list);
                records.forEach(array::add);
            }
        });
        return quality;
    }

    /** The MediaLineLabel as the portal's media type: 0 audio, 1 and 2 (panoramic) video, 3 and 16 (VbSS) sharing. */
    static @Nullable String mediaType(int label) {
        return switch (label) {
            case 0 -> "AUDIO";
            case 1, 2 -> "VIDEO";
            case 3, 16 -> "APPLICATION_SHARING";
            default -> null;
        };
    }

    /** ConnectivityICE: 1 direct, 2 relay, 4 HTTP (proxy), 8 failed; a text (an export that decoded it) as written. */
    static String ice(String value) {
        return switch (value.strip()) {
            case "1" -> "direct";
            case "2" -> "relay";
            case "4" -> "http";
            case "8" -> "failed";
            default -> value.toLowerCase(Locale.ROOT);
        };
    }

    /**
     * NetworkConnectionDetail (its text or key) as the call quality page's connection codes: Wired and Ethernet are
     * wired, WiFi is wifi, MobileBB is mobile; Other and Tunnel are kept in lower case (the page's "unknown").
     */
    static String connection(String value) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "0", "wired", "2", "ethernet" -> "wired";
            case "1", "wifi", "wi-fi" -> "wifi";
            case "3", "mobilebb" -> "mobile";
            case "4" -> "other";
            case "5" -> "tunnel";
            default -> lower;
        };
    }

    /** The Endpoint table's VirtualizationFlag bits: 0 none, 1 Hyper-V, 2 VMware, 4 Virtual PC, 8 Xen. */
    static String virtualization(String value) {
        int flags;
        try {
            flags = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return value;
        }
        if (flags == 0) {
            return "None";
        }
        StringJoiner names = new StringJoiner(", ");
        String[] known = {"Hyper-V", "VMware", "Virtual PC", "Xen"};
        for (int bit = 0; bit < known.length; bit++) {
            if ((flags & (1 << bit)) != 0) {
                names.add(known[bit]);
            }
        }
        return names.length() == 0 ? value : names.toString();
    }

    private static @Nullable Integer required(
            Path file, long line, Map<String, String> row, String column, ImportProblems problems) {
        if (row.get(column) == null) {
            problems.add(SfbServerImport.problem(file, line, row, column, "is required"));
            return null;
        }
        return SfbServerImport.integer(file, line, row, column, problems);
    }

    private static @Nullable Double number(
            Path file, long line, Map<String, String> row, String column, ImportProblems problems) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        // sqlcmd writes float columns in scientific notation (1.5E-2); NaN and infinity are no figures
        if (value.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number)) {
                return number;
            }
        }
        problems.add(SfbServerImport.problem(file, line, row, column, "\"" + value + "\" is not a number"));
        return null;
    }

    /** A bit column: 1 or 0 (sqlcmd, bcp), True or False (PowerShell). */
    private static @Nullable Boolean flag(
            Path file, long line, Map<String, String> row, String column, ImportProblems problems) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> {
                problems.add(SfbServerImport.problem(
                        file, line, row, column, "\"" + value + "\" is not a bit (1 or 0, True or False)"));
                yield null;
            }
        };
    }
}
