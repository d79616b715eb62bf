package org.commsportal.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.commsportal.directory.CallingPlan;
import org.commsportal.directory.PstnBlockAction;
import org.commsportal.directory.PstnBlocking;
import org.commsportal.directory.UserRecord;
import org.commsportal.sessions.ConferenceJoin;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.QualityTables;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.Side;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns ingested JSON records into sessions and users, collecting every problem of every record. The field names
 * are those of {@link SessionRecord}, {@link Quality} and {@link UserRecord} (documented in docs/ingest.md).
 */
@Component
public class IngestRecords {

    static final long MAX_DURATION_MS = 366L * 24 * 3600 * 1000;
    private static final Set<String> SESSION_FIELDS = Set.of(
            "dialogId",
            "startTime",
            "endTime",
            "fromUri",
            "toUri",
            "fromClientVersion",
            "toClientVersion",
            "conferenceUrl",
            "confInstance",
            "fromTel",
            "toTel",
            "fromEndpointId",
            "toEndpointId",
            "onBehalfOfUri",
            "referredByUri",
            "responseCode",
            "diagnosticId",
            "diagnosticHeader",
            "media",
            "imMessageCount",
            "quality",
            "webConferencing",
            "dialInOut",
            "audioConferencingProvider");
    private static final Set<String> USER_FIELDS = Set.of(
            "upn",
            "alias",
            "displayName",
            "licensedFrom",
            "deletedAt",
            "objectId",
            "usageLocation",
            "pstnBlockAction",
            "pstnBlockReason",
            "pstnBlockedAt",
            "callingPlans");
    private static final java.util.Map<String, PstnBlockAction> BLOCK_ACTIONS =
            byWireName(PstnBlockAction.values(), PstnBlockAction::wireName);
    private static final List<Class<? extends Record>> QUALITY_TYPES = List.of(
            Quality.SessionInfo.class,
            Quality.MediaLine.class,
            Quality.AudioStream.class,
            Quality.AudioClientEvents.class,
            Quality.AudioSignal.class,
            Quality.AppSharingStream.class,
            Quality.VideoClientEvents.class,
            Quality.VideoStream.class,
            Quality.TracerouteHop.class,
            Quality.Feedback.class);
    private static final List<String> QUALITY_FIELDS = List.of(
            "sessions",
            "mediaLines",
            "audioStreams",
            "audioClientEvents",
            "audioSignals",
            "appSharingStreams",
            "videoClientEvents",
            "videoStreams",
            "traceroutes",
            "feedback");

    private static final java.util.Map<String, ConferenceJoin.DialDirection> DIAL_DIRECTIONS =
            byWireName(ConferenceJoin.DialDirection.values(), ConferenceJoin.DialDirection::wireName);
    private static final java.util.Map<String, ConferenceJoin.ConferencingProvider> PROVIDERS =
            byWireName(ConferenceJoin.ConferencingProvider.values(), ConferenceJoin.ConferencingProvider::wireName);

    private static <T> java.util.Map<String, T> byWireName(T[] values, java.util.function.Function<T, String> name) {
        var byName = new java.util.LinkedHashMap<String, T>();
        for (T value : values) {
            byName.put(name.apply(value), value);
        }
        return java.util.Collections.unmodifiableMap(byName);
    }

    private final ColumnLimits limits;
    private final ObjectMapper strict = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    IngestRecords(ColumnLimits limits) {
        this.limits = limits;
    }

    /** The session, or null when the record has problems (added to the list). */
    public @Nullable SessionRecord session(long index, JsonNode node, IngestProblems problems) {
        long before = problems.count();
        if (!node.isObject()) {
            problems.add(new IngestProblem(index, "", "must be a JSON object"));
            return null;
        }
        var f = new JsonFields(index, node, "comm_session", limits, problems);
        f.rejectUnknown(SESSION_FIELDS);
        String dialogId = f.text("dialogId", true);
        Instant start = f.instant("startTime");
        Instant end = f.instant("endTime");
        if (start != null && end != null) {
            if (end.isBefore(start)) {
                f.problem("endTime", "is before startTime");
            } else if (end.toEpochMilli() - start.toEpochMilli() > MAX_DURATION_MS) {
                f.problem("endTime", "is more than 366 days after startTime");
            }
        }
        String fromUri = f.sipUri("fromUri", true);
        String toUri = f.sipUri("toUri", false);
        String conferenceUrl = f.sipUri("conferenceUrl", false);
        String onBehalfOf = f.sipUri("onBehalfOfUri", false);
        String referredBy = f.sipUri("referredByUri", false);
        String fromEndpoint = f.guid("fromEndpointId");
        String toEndpoint = f.guid("toEndpointId");
        Long responseCode = f.number("responseCode", false, 100, 699);
        Long diagnosticId = f.number("diagnosticId", false, Integer.MIN_VALUE, Integer.MAX_VALUE);
        String diagnosticHeader = f.text("diagnosticHeader", false);
        Long imMessages = f.number("imMessageCount", false, 0, Integer.MAX_VALUE);
        List<MediaUsage> media = media(index, f.child("media"), problems);
        Quality.Report quality = quality(index, f.child("quality"), problems);
        String fromClient = f.text("fromClientVersion", false);
        String toClient = f.text("toClientVersion", false);
        String confInstance = f.text("confInstance", false);
        String fromTel = f.text("fromTel", false);
        String toTel = f.text("toTel", false);
        Boolean webConferencing = f.bool("webConferencing");
        ConferenceJoin.DialDirection dialInOut = f.choice("dialInOut", DIAL_DIRECTIONS);
        ConferenceJoin.ConferencingProvider provider = f.choice("audioConferencingProvider", PROVIDERS);
        if (f.child("conferenceUrl") == null) {
            for (String field : List.of("webConferencing", "dialInOut", "audioConferencingProvider")) {
                if (f.child(field) != null) {
                    f.problem(field, "is only for a conference session (one with a conferenceUrl)");
                }
            }
        } else if (f.child("audioConferencingProvider") != null && f.child("dialInOut") == null) {
            f.problem("audioConferencingProvider", "needs dialInOut: the provider of a telephone party's call");
        }
        if (problems.count() > before) {
            return null;
        }
        return new SessionRecord(
                dialogId,
                start,
                end,
                fromUri,
                toUri,
                fromClient,
                toClient,
                conferenceUrl,
                confInstance,
                fromTel,
                toTel,
                fromEndpoint,
                toEndpoint,
                onBehalfOf,
                referredBy,
                responseCode == null ? null : responseCode.intValue(),
                diagnosticId == null ? null : diagnosticId.intValue(),
                media,
                imMessages == null ? 0 : imMessages.intValue(),
                quality,
                webConferencing,
                dialInOut,
                provider,
                diagnosticHeader);
    }

    private List<MediaUsage> media(long index, @Nullable JsonNode node, IngestProblems problems) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add(new IngestProblem(index, "media", "must list at least one media type used"));
            return List.of();
        }
        List<MediaUsage> media = new ArrayList<>();
        Set<Modality> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode usage = node.get(i);
            String field = "media[" + i + "]";
            if (!usage.isObject()) {
                problems.add(new IngestProblem(index, field, "must be an object with type and durationMs"));
                continue;
            }
            var f = new JsonFields(index, usage, "session_media", limits, problems, field + ".");
            Modality type = mediaType(usage.get("type"));
            if (type == null) {
                problems.add(new IngestProblem(
                        index,
                        field + ".type",
                        "unknown media type " + usage.get("type")
                                + "; use one of IM, FILE_TRANSFER, REMOTE_ASSISTANCE, APPLICATION_SHARING, AUDIO, VIDEO, APP_INVITE "
                                + "or their ids 1 to 7"));
                continue;
            }
            if (!seen.add(type)) {
                problems.add(new IngestProblem(index, field + ".type", type + " is listed twice"));
                continue;
            }
            Long duration = f.number("durationMs", false, 0, MAX_DURATION_MS);
            media.add(new MediaUsage(type, duration == null ? 0 : duration));
        }
        return media;
    }

    private static @Nullable Modality mediaType(@Nullable JsonNode type) {
        if (type == null) {
            return null;
        }
        if (type.isIntegralNumber()) {
            if (!type.canConvertToInt()) {
                return null;
            }
            int id = type.asInt();
            return id >= 1 && id <= Modality.values().length ? Modality.ofId(id) : null;
        }
        for (Modality candidate : Modality.values()) {
            if (candidate.name().equalsIgnoreCase(type.asText())
                    || candidate.label().equalsIgnoreCase(type.asText())) {
                return candidate;
            }
        }
        return null;
    }

    private Quality.Report quality(long index, @Nullable JsonNode node, IngestProblems problems) {
        if (node == null) {
            return Quality.Report.none();
        }
        if (!node.isObject()) {
            problems.add(new IngestProblem(index, "quality", "must be an object of record lists"));
            return Quality.Report.none();
        }
        new JsonFields(index, node, "", limits, problems).rejectUnknown(Set.copyOf(QUALITY_FIELDS));
        List<List<Record>> lists = new ArrayList<>();
        for (int t = 0; t < QUALITY_TYPES.size(); t++) {
            String field = "quality." + QUALITY_FIELDS.get(t);
            List<Record> list = records(index, field, node.get(QUALITY_FIELDS.get(t)), QUALITY_TYPES.get(t), problems);
            onceEach(index, field, list, problems);
            lists.add(list);
        }
        @SuppressWarnings("unchecked")
        Quality.Report report = new Quality.Report(
                (List<Quality.SessionInfo>) (List<?>) lists.get(0),
                (List<Quality.MediaLine>) (List<?>) lists.get(1),
                (List<Quality.AudioStream>) (List<?>) lists.get(2),
                (List<Quality.AudioClientEvents>) (List<?>) lists.get(3),
                (List<Quality.AudioSignal>) (List<?>) lists.get(4),
                (List<Quality.AppSharingStream>) (List<?>) lists.get(5),
                (List<Quality.VideoClientEvents>) (List<?>) lists.get(6),
                (List<Quality.VideoStream>) (List<?>) lists.get(7),
                (List<Quality.TracerouteHop>) (List<?>) lists.get(8),
                (List<Quality.Feedback>) (List<?>) lists.get(9));
        return report;
    }

    private List<Record> records(
            long index, String field, @Nullable JsonNode node, Class<? extends Record> type, IngestProblems problems) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(new IngestProblem(index, field, "must be a list"));
            return List.of();
        }
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = field + "[" + i + "]";
            try {
                Record record = strict.treeToValue(node.get(i), type);
                if (withinLimits(index, path, record, problems)) {
                    records.add(record);
                }
            } catch (JsonMappingException e) {
                String where = e.getPath().isEmpty()
                        ? ""
                        : "." + e.getPath().get(e.getPath().size() - 1).getFieldName();
                problems.add(new IngestProblem(
                        index, path + where, e.getOriginalMessage().split("\n")[0]));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                problems.add(new IngestProblem(index, path, e.getOriginalMessage()));
            }
        }
        return records;
    }

    /**
     * The lists stored one row per side (and per hop for traceroutes) may hold each side (and hop) once; a repeat
     * would break the table's unique key (docs/ingest.md, "Quality records").
     */
    private static void onceEach(long index, String field, List<Record> list, IngestProblems problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Record record = list.get(i);
            String key;
            String what;
            if (record instanceof Quality.TracerouteHop hop) {
                key = hop.side() + " " + hop.hop();
                what = "hop " + hop.hop() + " of side " + hop.side() + " is listed twice";
            } else if (record instanceof Quality.SessionInfo
                    || record instanceof Quality.AudioClientEvents
                    || record instanceof Quality.AudioSignal
                    || record instanceof Quality.VideoClientEvents
                    || record instanceof Quality.Feedback) {
                key = String.valueOf(side(record));
                what = "side " + key + " is listed twice; each side may have one record here";
            } else {
                return;
            }
            if (!seen.add(key)) {
                problems.add(
                        index,
                        field + "[" + i + "]" + (record instanceof Quality.TracerouteHop ? ".hop" : ".side"),
                        what);
            }
        }
    }

    private static @Nullable Side side(Record record) {
        if (record instanceof Quality.SessionInfo r) {
            return r.side();
        } else if (record instanceof Quality.AudioClientEvents r) {
            return r.side();
        } else if (record instanceof Quality.AudioSignal r) {
            return r.side();
        } else if (record instanceof Quality.VideoClientEvents r) {
            return r.side();
        } else if (record instanceof Quality.Feedback r) {
            return r.side();
        }
        return null;
    }

    /** A quality record component as the checks need it, read from the record type once. */
    private record QualityComponent(java.lang.reflect.Method accessor, String name, String column, boolean nullable) {}

    /**
     * Each quality record type's components, read once: reading them and their type annotations by reflection for
     * every record took about three quarters of the time to parse a request of 1,000 sessions with quality records.
     */
    private static final ClassValue<List<QualityComponent>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<QualityComponent> computeValue(Class<?> type) {
            List<QualityComponent> components = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                components.add(new QualityComponent(
                        component.getAccessor(),
                        component.getName(),
                        QualityTables.column(component),
                        component.getAnnotatedType().isAnnotationPresent(Nullable.class)));
            }
            return List.copyOf(components);
        }
    };

    /** Required components present, texts within their columns, ratings 1 to 5. */
    private boolean withinLimits(long index, String path, Record record, IngestProblems problems) {
        long before = problems.count();
        String table = QualityTables.table(record.getClass());
        for (QualityComponent component : COMPONENTS.get(record.getClass())) {
            Object value;
            try {
                value = component.accessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            boolean nullable = component.nullable();
            if (value == null && !nullable) {
                problems.add(new IngestProblem(index, path + "." + component.name(), "is required"));
            } else if (value instanceof String text) {
                int limit = limits.of(table, component.column());
                if (text.length() > limit) {
                    problems.add(new IngestProblem(
                            index,
                            path + "." + component.name(),
                            "is " + text.length() + " characters long; at most " + limit + " fit"));
                } else if (!JsonFields.wellFormed(text)) {
                    problems.add(
                            index,
                            path + "." + component.name(),
                            "is not valid Unicode text: it holds a lone surrogate (\\ud800 to \\udfff)");
                }
            } else if (value instanceof Double number && !Double.isFinite(number)) {
                problems.add(
                        index,
                        path + "." + component.name(),
                        "must be a finite number, not " + number + " (NaN, infinity or beyond a double's range)");
            }
        }
        if (record instanceof Quality.Feedback feedback && (feedback.rating() < 1 || feedback.rating() > 5)) {
            problems.add(new IngestProblem(index, path + ".rating", "must be between 1 and 5"));
        }
        return problems.count() == before;
    }

    /** The user, or null when the record has problems (added to the list). */
    @Nullable
    public UserRecord user(long index, JsonNode node, IngestProblems problems) {
        return user(index, node, problems, Instant.now());
    }

    /** The user, or null when the record has problems; {@code receivedAt} is when the request was read. */
    @Nullable
    public UserRecord user(long index, JsonNode node, IngestProblems problems, Instant receivedAt) {
        long before = problems.count();
        if (!node.isObject()) {
            problems.add(new IngestProblem(index, "", "must be a JSON object"));
            return null;
        }
        var f = new JsonFields(index, node, "licensed_user", limits, problems);
        f.rejectUnknown(USER_FIELDS);
        String upn = f.text("upn", true);
        if (upn != null && !upn.matches("[^\\s@;:]+@[^\\s@;:]+")) {
            f.problem("upn", "must be a user principal name such as ada.adams@contoso.com");
        }
        String alias = f.text("alias", true);
        String displayName = f.text("displayName", true);
        LocalDate licensedFrom = f.date("licensedFrom", true);
        LocalDate deletedAt = f.date("deletedAt", false);
        String objectId = f.guid("objectId");
        String usageLocation = f.text("usageLocation", false);
        if (usageLocation != null && !usageLocation.matches("[A-Za-z]{2}")) {
            f.problem("usageLocation", "must be a two-letter ISO 3166 country code such as US");
        }
        if (licensedFrom != null && deletedAt != null && deletedAt.isBefore(licensedFrom)) {
            f.problem("deletedAt", "is before licensedFrom");
        }
        PstnBlocking blocking = blocking(f, receivedAt);
        List<CallingPlan> plans = callingPlans(f);
        if (problems.count() > before) {
            return null;
        }
        return new UserRecord(
                upn,
                alias,
                displayName,
                licensedFrom,
                deletedAt,
                objectId == null ? null : objectId.replaceAll("^\\{|}$", ""),
                usageLocation == null ? null : usageLocation.toUpperCase(java.util.Locale.ROOT),
                blocking,
                plans);
    }

    /**
     * The record's PSTN block (docs/users-blocked.md): an action with an optional reason and block time (never later
     * than when the request is read), or, with none of the three fields, not blocked.
     */
    private static PstnBlocking blocking(JsonFields f, Instant receivedAt) {
        PstnBlockAction action = f.choice("pstnBlockAction", BLOCK_ACTIONS);
        String reason = f.text("pstnBlockReason", false);
        if (reason != null && reason.length() > PstnBlocking.MAX_REASON_LENGTH) {
            f.problem(
                    "pstnBlockReason",
                    "is " + reason.length() + " characters long; at most " + PstnBlocking.MAX_REASON_LENGTH + " fit");
        }
        Instant since = f.child("pstnBlockedAt") == null ? null : f.instant("pstnBlockedAt");
        if (since != null && since.isAfter(receivedAt)) {
            f.problem("pstnBlockedAt", "is in the future (after " + receivedAt + ", when the request was read)");
        }
        if (f.child("pstnBlockAction") == null) {
            for (String field : List.of("pstnBlockReason", "pstnBlockedAt")) {
                if (f.child(field) != null) {
                    f.problem(field, "needs pstnBlockAction: a reason and a time belong to a block");
                }
            }
            return PstnBlocking.NOT_BLOCKED;
        }
        // without pstnBlockedAt the block keeps its stored time, or starts when the record is written
        return action == null
                ? PstnBlocking.NOT_BLOCKED
                : new PstnBlocking(action, reason == null || reason.isBlank() ? null : reason, since);
    }

    /** The assigned calling plans by the vendor's names, each at most once; null when the field is absent. */
    private static @Nullable List<CallingPlan> callingPlans(JsonFields f) {
        JsonNode node = f.child("callingPlans");
        if (node == null) {
            return null;
        }
        String names = java.util.Arrays.stream(CallingPlan.values())
                .map(CallingPlan::wireName)
                .collect(java.util.stream.Collectors.joining(", "));
        if (!node.isArray()) {
            f.problem("callingPlans", "must be a list of calling plans: " + names);
            return null;
        }
        List<CallingPlan> plans = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode name = node.get(i);
            var plan =
                    name.isTextual() ? CallingPlan.ofWireName(name.asText()) : java.util.Optional.<CallingPlan>empty();
            if (plan.isEmpty()) {
                f.problem("callingPlans[" + i + "]", "unknown calling plan " + name + "; use one of " + names);
            } else if (plans.contains(plan.get())) {
                f.problem("callingPlans[" + i + "]", plan.get().wireName() + " is listed twice");
            } else {
                plans.add(plan.get());
            }
        }
        return List.copyOf(plans);
    }
}
