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
 * keep ({@code dialogs} from LcsCDR, {@code qoe-dialogs} from QoEMetrics; {@link SfbQualityJoin}), and turned into
 * the quality record lists of the portal's ingestion format (docs/ingest.md, "Quality records"). Rows are checked as
 * they are read and go to sorts on disk, never into maps of the whole files (docs/import-sfb-server.md, "Memory and
 * order").
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

    /** The tag of a table's rows sorted by QoE session ({@link SfbQualityJoin#JOINED} is the join's own rows). */
    static int tag(Table table) {
        return TABLES.indexOf(table) + 1;
    }

    /** The tag of the feedback tokens' rows sorted by QoE session, after every table's. */
    static final int TOKENS_TAG = TABLES.size() + 1;

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

    /** A record of a once-per-side list, with the media line label that decides which one is kept. */
    private record Slot(int label, long line, ObjectNode record) {}

    static boolean any(Map<String, Path> found) {
        return FILES.keySet().stream().anyMatch(found::containsKey);
    }

    /**
     * Reads the rows of every QoE table and token file found, in the order of {@link #TABLES}: each row is checked
     * (problems added), and each one that names a QoE session and can hold records is added to {@code bySession},
     * keyed by its QoE session, tagged by its file ({@link #tag}), ordered by its line; its fields: the media line
     * label, the session as written (for problems) and its sides' records as JSON (tokens: side, id, description).
     */
    static void readTables(Map<String, Path> found, ImportProblems problems, PrintStream out, ExternalSort bySession)
            throws IOException {
        for (Table table : TABLES) {
            Path file = found.get(table.file());
            if (file != null) {
                out.println("Reading " + file + " ...");
                read(file, table, problems, bySession);
            }
        }
        if (found.containsKey(TOKENS)) {
            out.println("Reading " + found.get(TOKENS) + " ...");
            tokens(found.get(TOKENS), problems, bySession);
        }
    }

    private static void read(Path file, Table table, ImportProblems problems, ExternalSort bySession)
            throws IOException {
        SfbServerImport.rows(file, FILES.get(table.file()), problems, (line, row) -> {
            String session = session(file, line, row, problems);
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
            List<@Nullable String> fields = new ArrayList<>(5);
            fields.add(String.valueOf(label));
            fields.add(row.get("ConferenceDateTime"));
            fields.add(row.get("SessionSeq"));
            for (ObjectNode record : sides) {
                if (record != null) {
                    if (mediaType != null) {
                        record.put("mediaType", mediaType);
                    }
                    fields.add(record.toString());
                }
            }
            bySession.add(new ExternalSort.Row(session, tag(table), line, fields));
        });
    }

    /** The sort key of a row's QoE session, or null (a problem added) when the row does not name one. */
    private static @Nullable String session(Path file, long line, Map<String, String> row, ImportProblems problems) {
        Instant time = SfbServerImport.time(file, line, row, "ConferenceDateTime", true, problems);
        Integer seq = required(file, line, row, "SessionSeq", problems);
        return time == null || seq == null ? null : SfbServerImport.sortKey(time, seq);
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

    private static void tokens(Path file, ImportProblems problems, ExternalSort bySession) throws IOException {
        SfbServerImport.rows(file, FILES.get(TOKENS), problems, (line, row) -> {
            String session = session(file, line, row, problems);
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
            bySession.add(session, TOKENS_TAG, line, caller ? "FROM" : "TO", String.valueOf(id), description);
        });
    }

    /**
     * The quality records of one CDR dialog, from the rows of its QoE session in the order of the files and their
     * lines (docs/import-sfb-server.md, "Sides"): lists keep every record, once-per-side lists the lowest media line
     * label's, feedback takes the tokens its side picked.
     */
    static final class Records {
        private final Map<String, List<ObjectNode>> lists = new LinkedHashMap<>();
        private final Map<String, Slot> slots = new LinkedHashMap<>();
        private final Map<String, TreeMap<Integer, String>> tokens = new HashMap<>();

        /** A row of {@link #readTables}; a second record of a side's slot on the same line label is a problem. */
        void add(int tag, long line, List<@Nullable String> fields, Map<String, Path> found, ImportProblems problems)
                throws IOException {
            if (tag == TOKENS_TAG) {
                tokens.computeIfAbsent(fields.get(0), k -> new TreeMap<>())
                        .put(Integer.valueOf(fields.get(1)), fields.get(2));
                return;
            }
            Table table = TABLES.get(tag - 1);
            int label = Integer.parseInt(fields.get(0));
            for (String json : fields.subList(3, fields.size())) {
                ObjectNode record = (ObjectNode) SfbServerImport.JSON.readTree(json);
                if (!table.oncePerSide()) {
                    lists.computeIfAbsent(table.list(), k -> new ArrayList<>()).add(record);
                    continue;
                }
                String slot = table.list() + " " + record.path("side").asText()
                        + (record.has("hop") ? " " + record.path("hop").asInt() : "");
                Slot held = slots.get(slot);
                if (held == null || label < held.label()) {
                    slots.put(slot, new Slot(label, line, record));
                } else if (label == held.label()) {
                    problems.add(new ImportProblem(
                            new SourceLocation(found.get(table.file()), line, 1),
                            "session " + fields.get(1) + " " + fields.get(2),
                            "",
                            "repeats the " + record.path("side").asText() + " side's record"
                                    + (record.has("hop")
                                            ? " of hop " + record.path("hop").asInt()
                                            : "")
                                    + " of line " + held.line() + "; each side has one"));
                }
            }
        }

        /** The portal's {@code quality} object of the dialog, lists in the order of the sub-tabs. */
        ObjectNode quality() {
            Map<String, List<ObjectNode>> all = new LinkedHashMap<>();
            for (Table table : TABLES) {
                all.put(table.list(), new ArrayList<>());
            }
            lists.forEach((list, records) -> all.get(list).addAll(records));
            slots.forEach((slot, held) ->
                    all.get(slot.substring(0, slot.indexOf(' '))).add(held.record()));
            for (ObjectNode feedback : all.get("feedback")) {
                TreeMap<Integer, String> picked =
                        tokens.get(feedback.path("side").asText());
                if (picked != null) {
                    StringJoiner joined = new StringJoiner(",");
                    picked.values().forEach(joined::add);
                    feedback.put("tokens", joined.toString());
                }
            }
            ObjectNode quality = JsonNodeFactory.instance.objectNode();
            all.forEach((list, records) -> {
                if (!records.isEmpty()) {
                    ArrayNode array = quality.putArray(list);
                    records.forEach(array::add);
                }
            });
            return quality;
        }
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

    static @Nullable Integer required(
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
