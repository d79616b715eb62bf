package org.commsportal.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Maps one Graph {@code callRecord} (with its sessions, segments, media and streams) to sessions in the portal's
 * ingestion format (docs/ingest.md), as documented in docs/import-teams-call-records.md: one portal session per
 * Graph session, its dialog id {@code teams:<record id>:<session id>}. The result is checked afterwards by the
 * same validation as the HTTP API.
 */
final class TeamsCallRecords {

    /** A mapped call record: its id, version and sessions in the portal's format, in the record's order. */
    record Mapped(String recordId, long version, List<ObjectNode> sessions) {}

    /** A problem of the call record, named by its own field path (e.g. {@code sessions[0].startDateTime}). */
    interface Problems {
        void add(String field, String reason);
    }

    static final int MAX_RECORD_ID = 64;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, Integer> RATINGS =
            Map.of("bad", 1, "poor", 2, "fair", 3, "good", 4, "excellent", 5);

    private TeamsCallRecords() {}

    /** The directory object ids the record names (lower case), to look their users up before mapping. */
    static Set<String> objectIds(JsonNode record) {
        Set<String> ids = new HashSet<>();
        collectUserIds(record.path("organizer"), ids);
        record.path("participants").forEach(identity -> collectUserIds(identity, ids));
        for (JsonNode session : record.path("sessions")) {
            collectUserIds(session.path("caller").path("identity"), ids);
            collectUserIds(session.path("callee").path("identity"), ids);
        }
        return ids;
    }

    private static void collectUserIds(JsonNode identitySet, Set<String> ids) {
        String id = text(identitySet.path("user").path("id"));
        if (id != null) {
            ids.add(id.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The record's sessions in the portal's format, or null when the record itself cannot be mapped (the problems
     * say why). {@code upnByObjectId} holds the UPNs of the directory's users by lower-case object id.
     */
    static @Nullable Mapped map(JsonNode record, Map<String, String> upnByObjectId, Problems problems) {
        if (!record.isObject()) {
            problems.add("", "must be a callRecord JSON object");
            return null;
        }
        String recordId = text(record.path("id"));
        if (recordId == null) {
            problems.add("id", "is required");
        } else if (recordId.length() > MAX_RECORD_ID) {
            problems.add("id", "is " + recordId.length() + " characters long; at most " + MAX_RECORD_ID + " fit");
            recordId = null;
        }
        JsonNode versionNode = record.path("version");
        Long version = null;
        if (versionNode.isIntegralNumber() && versionNode.canConvertToLong() && versionNode.asLong() >= 0) {
            version = versionNode.asLong();
        } else if (versionNode.isTextual() && versionNode.asText().matches("\\d{1,18}")) {
            version = Long.parseLong(versionNode.asText()); // Int64 may be written as a string
        } else {
            problems.add("version", versionNode.isMissingNode() ? "is required" : "must be a whole number 0 or more");
        }
        JsonNode sessions = record.path("sessions");
        if (!sessions.isArray() || sessions.isEmpty()) {
            problems.add("sessions", "lists no sessions: save call records with $expand=sessions($expand=segments)");
            return null;
        }
        boolean complete = recordId != null && version != null;
        if (recordId == null) {
            recordId = "?"; // the sessions are still mapped, so that their problems are listed too
        }
        boolean group = "groupCall".equalsIgnoreCase(text(record.path("type")));
        List<String> recordModalities = strings(record.path("modalities"));
        Party organizer = party(record.path("organizer"), false, upnByObjectId);
        List<ObjectNode> mapped = new ArrayList<>();
        Set<String> sessionIds = new HashSet<>();
        for (int i = 0; i < sessions.size(); i++) {
            String path = "sessions[" + i + "]";
            JsonNode session = sessions.get(i);
            String sessionId = text(session.path("id"));
            if (sessionId == null) {
                problems.add(path + ".id", "is required");
                continue;
            }
            if (!sessionIds.add(sessionId)) {
                problems.add(path + ".id", "session " + sessionId + " is listed twice");
                continue;
            }
            ObjectNode out = session(
                    recordId,
                    sessionId,
                    session,
                    group,
                    organizer,
                    recordModalities,
                    upnByObjectId,
                    (field, reason) -> problems.add(path + (field.isEmpty() ? "" : "." + field), reason));
            if (out != null) {
                mapped.add(out);
            }
        }
        return complete ? new Mapped(recordId, java.util.Objects.requireNonNull(version), mapped) : null;
    }

    /** One party of a session: its SIP URI (null if it names nobody), telephone number and client. */
    private record Party(
            @Nullable String uri,
            @Nullable String tel,
            boolean service,
            @Nullable String client) {}

    private static Party party(JsonNode identitySet, boolean service, Map<String, String> upnByObjectId) {
        JsonNode user = identitySet.path("user");
        String objectId = text(user.path("id"));
        String upn = objectId == null ? null : upnByObjectId.get(objectId.toLowerCase(Locale.ROOT));
        if (upn == null) {
            upn = text(user.path("userPrincipalName"));
        }
        if (upn != null && upn.contains("@")) {
            return new Party("sip:" + upn.strip().toLowerCase(Locale.ROOT), null, false, null);
        }
        if (objectId != null) { // a user the directory does not know and the record names by id only
            return new Party("sip:" + objectId.toLowerCase(Locale.ROOT) + "@objectid.invalid", null, false, null);
        }
        String phone = text(identitySet.path("phone").path("id"));
        if (phone != null) {
            String number = phone.replaceAll("[^+0-9]", "");
            return new Party(
                    "sip:" + (number.isEmpty() ? "unknown" : number) + "@pstn.invalid;user=phone", phone, false, null);
        }
        for (String kind : List.of(
                "guest",
                "acsUser",
                "spoolUser",
                "onPremises",
                "encrypted",
                "azureCommunicationServicesUser",
                "teamsVisitor",
                "applicationInstance",
                "application",
                "device")) {
            String id = text(identitySet.path(kind).path("id"));
            if (id != null) {
                return new Party(
                        "sip:" + id.replaceAll("[\\s@;:]", "") + "@" + kind.toLowerCase(Locale.ROOT) + ".invalid",
                        null,
                        service,
                        null);
            }
        }
        return new Party(null, null, true, null);
    }

    private static Party endpoint(JsonNode endpoint, Map<String, String> upnByObjectId) {
        boolean service = text(endpoint.path("@odata.type")) != null
                && text(endpoint.path("@odata.type")).endsWith("serviceEndpoint");
        Party party = party(endpoint.path("identity"), service, upnByObjectId);
        JsonNode agent = endpoint.path("userAgent");
        String client = text(agent.path("headerValue"));
        if (client == null && text(agent.path("productFamily")) != null) {
            client = text(agent.path("productFamily"))
                    + (text(agent.path("applicationVersion")) == null
                            ? ""
                            : " " + text(agent.path("applicationVersion")));
        }
        return new Party(party.uri(), party.tel(), service || party.uri() == null, client);
    }

    private static @Nullable ObjectNode session(
            String recordId,
            String sessionId,
            JsonNode session,
            boolean group,
            Party organizer,
            List<String> recordModalities,
            Map<String, String> upnByObjectId,
            Problems problems) {
        Instant start = instant(session, "startDateTime", problems);
        Instant end = instant(session, "endDateTime", problems);
        Party caller = endpoint(session.path("caller"), upnByObjectId);
        Party callee = endpoint(session.path("callee"), upnByObjectId);
        ObjectNode out = NODES.objectNode();
        out.put("dialogId", "teams:" + recordId + ":" + sessionId);
        if (start != null) {
            out.put("startTime", start.toString());
        }
        if (end != null) {
            out.put("endTime", end.toString());
        }
        boolean callerIsFrom;
        if (group) {
            // each session of a meeting joins one participant to the conference service: the participant is From
            callerIsFrom = !caller.service() || callee.service();
            Party participant = callerIsFrom ? caller : callee;
            if (participant.uri() == null) {
                problems.add(
                        callerIsFrom ? "caller.identity" : "callee.identity", "names no user, phone or other party");
                return null;
            }
            String organizerUri = organizer.uri() != null
                    ? organizer.uri().replaceAll(";.*", "")
                    : "sip:meeting-" + recordId.replaceAll("[\\s@;:]", "") + "@teams.invalid";
            out.put("fromUri", participant.uri());
            out.put("toUri", organizerUri);
            out.put("conferenceUrl", organizerUri + ";gruu;opaque=app:conf:focus:id:" + recordId);
            out.put("confInstance", recordId);
            putIfPresent(out, "fromClientVersion", participant.client());
            if (participant.tel() != null) {
                out.put("fromTel", participant.tel());
                out.put("dialInOut", callerIsFrom ? "dial-in" : "dial-out");
            }
        } else {
            callerIsFrom = true;
            if (caller.uri() == null) {
                problems.add("caller.identity", "names no user, phone or other party");
                return null;
            }
            out.put("fromUri", caller.uri());
            putIfPresent(out, "toUri", callee.uri());
            putIfPresent(out, "fromClientVersion", caller.client());
            putIfPresent(out, "toClientVersion", callee.client());
            putIfPresent(out, "fromTel", caller.tel());
            putIfPresent(out, "toTel", callee.tel());
        }
        List<String> modalities = strings(session.path("modalities"));
        ArrayNode media = out.putArray("media");
        long durationMs =
                start != null && end != null && !end.isBefore(start) ? end.toEpochMilli() - start.toEpochMilli() : 0;
        Set<String> types = new LinkedHashSet<>();
        for (String modality : modalities.isEmpty() ? recordModalities : modalities) {
            String type = modalityType(modality);
            if (type != null && types.add(type)) {
                media.addObject().put("type", type).put("durationMs", durationMs);
            }
        }
        out.set("quality", quality(session, callerIsFrom, problems));
        return out;
    }

    /** The portal's media type of a Graph modality; data channels and unknown modalities have none. */
    static @Nullable String modalityType(String modality) {
        return switch (modality) {
            case "audio" -> "AUDIO";
            case "video" -> "VIDEO";
            case "screenSharing", "videoBasedScreenSharing" -> "APPLICATION_SHARING";
            default -> null;
        };
    }

    /** The portal's media type of a Graph media label ({@code main-audio}, {@code main-video}, {@code main-vbss}...). */
    static @Nullable String labelType(@Nullable String label) {
        if (label == null) {
            return null;
        }
        String l = label.toLowerCase(Locale.ROOT);
        if (l.contains("vbss") || l.contains("sharing")) {
            return "APPLICATION_SHARING";
        }
        if (l.contains("audio")) {
            return "AUDIO";
        }
        if (l.contains("video")) {
            return "VIDEO";
        }
        return null;
    }

    private static ObjectNode quality(JsonNode session, boolean callerIsFrom, Problems problems) {
        String callerSide = callerIsFrom ? "FROM" : "TO";
        String calleeSide = callerIsFrom ? "TO" : "FROM";
        ObjectNode quality = NODES.objectNode();
        ArrayNode sessionInfos = NODES.arrayNode();
        ArrayNode mediaLines = NODES.arrayNode();
        ArrayNode audioStreams = NODES.arrayNode();
        ArrayNode audioClientEvents = NODES.arrayNode();
        ArrayNode audioSignals = NODES.arrayNode();
        ArrayNode appSharing = NODES.arrayNode();
        ArrayNode videoStreams = NODES.arrayNode();
        ArrayNode traceroutes = NODES.arrayNode();
        ArrayNode feedback = NODES.arrayNode();
        Set<String> once = new HashSet<>();
        for (String role : List.of("caller", "callee")) {
            String side = role.equals("caller") ? callerSide : calleeSide;
            JsonNode endpoint = session.path(role);
            JsonNode agent = endpoint.path("userAgent");
            if (agent.isObject()) {
                ObjectNode info = sessionInfos.addObject().put("side", side);
                putIfPresent(info, "userAgent", text(agent.path("headerValue")));
                putIfPresent(info, "osVersion", text(agent.path("platform")));
            }
            JsonNode rating = endpoint.path("feedback");
            Integer stars = RATINGS.get(String.valueOf(text(rating.path("rating"))));
            if (stars != null) {
                ObjectNode f = feedback.addObject().put("side", side).put("rating", stars);
                putIfPresent(f, "feedbackText", text(rating.path("text")));
                StringJoiner tokens = new StringJoiner(",");
                rating.path("tokens").fields().forEachRemaining(token -> {
                    if (token.getValue().asBoolean(false)) {
                        tokens.add(token.getKey());
                    }
                });
                if (tokens.length() > 0) {
                    f.put("tokens", tokens.toString());
                }
            }
        }
        JsonNode segments = session.path("segments");
        for (int s = 0; s < segments.size(); s++) {
            JsonNode mediaList = segments.get(s).path("media");
            for (int m = 0; m < mediaList.size(); m++) {
                String path = "segments[" + s + "].media[" + m + "]";
                JsonNode media = mediaList.get(m);
                String type = labelType(text(media.path("label")));
                if (type == null) {
                    continue; // data channels and unknown labels carry no stream the portal reports
                }
                for (String role : List.of("caller", "callee")) {
                    String side = role.equals("caller") ? callerSide : calleeSide;
                    JsonNode network = media.path(role + "Network");
                    JsonNode device = media.path(role + "Device");
                    String where = path + "." + role;
                    if (network.isObject() || device.isObject()) {
                        ObjectNode line =
                                mediaLines.addObject().put("side", side).put("mediaType", type);
                        putIfPresent(line, "ipAddress", text(network.path("ipAddress")));
                        putInt(line, "port", network.path("port"));
                        putIfPresent(line, "subnet", text(network.path("subnet")));
                        String connection = text(network.path("connectionType"));
                        putIfPresent(line, "connectionType", connection);
                        if (connection != null && !connection.equals("unknown")) {
                            line.put("vpn", connection.equals("tunnel"));
                        }
                        putIfPresent(line, "captureDevice", text(device.path("captureDeviceName")));
                        putIfPresent(line, "renderDevice", text(device.path("renderDeviceName")));
                        putIfPresent(line, "relayIpAddress", text(network.path("relayIPAddress")));
                    }
                    if (type.equals("AUDIO") && device.isObject() && once.add("signal " + side)) {
                        ObjectNode signal = audioSignals.addObject().put("side", side);
                        putNumber(signal, "sendSignalLevelDbmo", device.path("sentSignalLevel"));
                        putNumber(signal, "recvSignalLevelDbmo", device.path("receivedSignalLevel"));
                        putNumber(signal, "sendNoiseLevelDbmo", device.path("sentNoiseLevel"));
                        putNumber(signal, "recvNoiseLevelDbmo", device.path("receivedNoiseLevel"));
                        putNumber(signal, "micGlitchRate", device.path("micGlitchRate"));
                        putNumber(signal, "speakerGlitchRate", device.path("speakerGlitchRate"));
                    }
                    if (type.equals("AUDIO")
                            && (network.isObject() || device.isObject())
                            && once.add("events " + side)) {
                        ObjectNode events = audioClientEvents.addObject().put("side", side);
                        putNumber(events, "networkSendQualityBadRatio", network.path("sentQualityEventRatio"));
                        putNumber(events, "networkReceiveQualityBadRatio", network.path("receivedQualityEventRatio"));
                        putNumber(events, "networkDelayEventRatio", network.path("delayEventRatio"));
                        putNumber(events, "networkLowBandwidthRatio", network.path("bandwidthLowEventRatio"));
                        putNumber(events, "cpuInsufficientEventRatio", device.path("cpuInsufficentEventRatio"));
                        putNumber(
                                events,
                                "deviceCaptureNotFunctioningRatio",
                                device.path("captureNotFunctioningEventRatio"));
                        putNumber(
                                events,
                                "deviceRenderNotFunctioningRatio",
                                device.path("renderNotFunctioningEventRatio"));
                        putNumber(events, "deviceGlitchesEventRatio", device.path("deviceGlitchEventRatio"));
                        putNumber(events, "deviceLowSnrEventRatio", device.path("lowSpeechToNoiseEventRatio"));
                        putNumber(events, "deviceLowSpeechLevelRatio", device.path("lowSpeechLevelEventRatio"));
                        putNumber(events, "deviceClippingEventRatio", device.path("deviceClippingEventRatio"));
                    }
                    JsonNode hops = network.path("traceRouteHops");
                    if (hops.isArray() && !hops.isEmpty() && once.add("hops " + side)) {
                        Set<Integer> seen = new HashSet<>();
                        for (int h = 0; h < hops.size(); h++) {
                            JsonNode hop = hops.get(h);
                            if (!hop.path("hopCount").canConvertToInt()
                                    || !seen.add(hop.path("hopCount").asInt())) {
                                continue;
                            }
                            ObjectNode row = traceroutes
                                    .addObject()
                                    .put("side", side)
                                    .put("hop", hop.path("hopCount").asInt());
                            putIfPresent(row, "ipAddress", text(hop.path("ipAddress")));
                            putMillis(
                                    row,
                                    "rttMs",
                                    hop.path("roundTripTime"),
                                    where + "Network.traceRouteHops[" + h + "].roundTripTime",
                                    problems);
                        }
                    }
                }
                JsonNode streams = media.path("streams");
                for (int t = 0; t < streams.size(); t++) {
                    JsonNode stream = streams.get(t);
                    String at = path + ".streams[" + t + "]";
                    String direction = text(stream.path("streamDirection"));
                    String side = "calleeToCaller".equals(direction) ? calleeSide : callerSide;
                    switch (type) {
                        case "AUDIO" -> {
                            ObjectNode row = audioStreams.addObject().put("side", side);
                            putIfPresent(row, "codec", text(stream.path("audioCodec")));
                            putMillis(
                                    row, "jitterAvgMs", stream.path("averageJitter"), at + ".averageJitter", problems);
                            putMillis(row, "jitterMaxMs", stream.path("maxJitter"), at + ".maxJitter", problems);
                            putNumber(row, "packetLossRateAvg", stream.path("averagePacketLossRate"));
                            putNumber(row, "packetLossRateMax", stream.path("maxPacketLossRate"));
                            putMillis(
                                    row,
                                    "roundTripAvgMs",
                                    stream.path("averageRoundTripTime"),
                                    at + ".averageRoundTripTime",
                                    problems);
                            putMillis(
                                    row,
                                    "roundTripMaxMs",
                                    stream.path("maxRoundTripTime"),
                                    at + ".maxRoundTripTime",
                                    problems);
                            putNumber(row, "degradationAvg", stream.path("averageAudioDegradation"));
                            putNumber(row, "concealedRatioAvg", stream.path("averageRatioOfConcealedSamples"));
                            JsonNode bandwidth = stream.path("averageBandwidthEstimate");
                            if (bandwidth.isNumber()) {
                                row.put("bandwidthEstimateKbps", bandwidth.asDouble() / 1000);
                            }
                        }
                        case "VIDEO" -> {
                            ObjectNode row = videoStreams.addObject().put("side", side);
                            putIfPresent(row, "codec", text(stream.path("videoCodec")));
                            putNumber(row, "frameRateInAvg", stream.path("averageReceivedFrameRate"));
                            putNumber(row, "frameRateOutAvg", stream.path("averageVideoFrameRate"));
                            putNumber(row, "localFrameLossPercent", stream.path("averageVideoFrameLossPercentage"));
                            putNumber(
                                    row, "postFecPacketLoss", stream.path("postForwardErrorCorrectionPacketLossRate"));
                        }
                        default -> {
                            ObjectNode row = appSharing.addObject().put("side", side);
                            putMillis(
                                    row, "jitterAvgMs", stream.path("averageJitter"), at + ".averageJitter", problems);
                            putMillis(
                                    row,
                                    "roundTripAvgMs",
                                    stream.path("averageRoundTripTime"),
                                    at + ".averageRoundTripTime",
                                    problems);
                            putNumber(row, "packetLossRateAvg", stream.path("averagePacketLossRate"));
                        }
                    }
                }
            }
        }
        quality.set("sessions", sessionInfos);
        quality.set("mediaLines", mediaLines);
        quality.set("audioStreams", audioStreams);
        quality.set("audioClientEvents", audioClientEvents);
        quality.set("audioSignals", audioSignals);
        quality.set("appSharingStreams", appSharing);
        quality.set("videoStreams", videoStreams);
        quality.set("traceroutes", traceroutes);
        quality.set("feedback", feedback);
        return quality;
    }

    private static @Nullable Instant instant(JsonNode node, String field, Problems problems) {
        String value = text(node.path(field));
        if (value == null) {
            problems.add(field, "is required");
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(
                    field, "must be an ISO 8601 date and time such as 2026-11-20T09:30:00Z, not \"" + value + "\"");
            return null;
        }
    }

    /** An ISO 8601 duration ({@code PT0.012S}) in milliseconds; the vendor writes jitter and round trips so. */
    private static void putMillis(ObjectNode row, String name, JsonNode value, String field, Problems problems) {
        if (value.isMissingNode() || value.isNull()) {
            return;
        }
        try {
            Duration duration = Duration.parse(value.asText());
            row.put(name, duration.toNanos() / 1e6);
        } catch (DateTimeParseException | ArithmeticException e) {
            problems.add(field, "must be an ISO 8601 duration such as PT0.012S, not " + value);
        }
    }

    /** Numbers as they are; anything else goes on, so that the portal's validation names it. */
    private static void putNumber(ObjectNode row, String name, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull()) {
            row.set(name, value);
        }
    }

    private static void putInt(ObjectNode row, String name, JsonNode value) {
        putNumber(row, name, value);
    }

    private static void putIfPresent(ObjectNode row, String name, @Nullable String value) {
        if (value != null) {
            row.put(name, value);
        }
    }

    private static @Nullable String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> {
            if (value.isTextual()) {
                values.add(value.asText());
            }
        });
        return values;
    }
}
