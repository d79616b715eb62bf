package org.commsportal.reliability;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commsportal.common.ClientVersions;
import org.commsportal.common.Place;
import org.commsportal.common.SqlColumn;
import org.commsportal.common.SubnetLocations;
import org.commsportal.common.UtcDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The read side of the reliability and feedback read models (changeset 022); every query is scoped to a tenant. */
@Repository
class ReliabilityReadRepository {

    /** Counts of one day and modality code (0 every session). */
    record DayCounts(LocalDate day, int modality, int kind, String value, ReliabilityCounts counts) {}

    /** Counts of one split value over a range. */
    record ValueCounts(String value, ReliabilityCounts counts) {}

    /** Ratings of one day. */
    record FeedbackDay(LocalDate day, FeedbackCounts counts) {}

    /** Ratings of one split value over a range. */
    record FeedbackValue(String value, FeedbackCounts counts) {}

    /** A failure key's sessions on one day, with the first and last of them. */
    record FailureDay(
            int outcome,
            @Nullable Integer responseCode,
            @Nullable Integer diagnosticId,
            LocalDate day,
            long sessions,
            Instant firstSeen,
            Instant lastSeen) {}

    /** A failure key's users impacted (either side of its sessions) over a range. */
    record FailureUsers(
            int outcome,
            @Nullable Integer responseCode,
            @Nullable Integer diagnosticId,
            long users) {}

    /** A rating with a comment, its user's UPN and pseudonym (none without a licensed user). */
    record Comment(
            Instant sessionStart,
            String side,
            int rating,
            @Nullable String tokens,
            String text,
            @Nullable String upn,
            @Nullable String pseudonym) {}

    private static final String COUNTS = "SUM(attempts) AS attempts, SUM(setup_failures) AS setup_failures,"
            + " SUM(drops) AS drops, SUM(expected) AS expected";

    private final JdbcClient jdbc;
    private final SubnetLocations locations;

    ReliabilityReadRepository(JdbcClient jdbc, SubnetLocations locations) {
        this.jdbc = jdbc;
        this.locations = locations;
    }

    /** Whether the tenant is still listed for the background build of its stored sessions' rows (changeset 042). */
    boolean stillBuilding(long tenantId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM reliability_backfill WHERE tenant_id = :t)")
                .param("t", tenantId)
                .query(Boolean.class)
                .single();
    }

    private String place(
            long tenantId, ReliabilityFilter filter, String alias, String subnetColumn, Map<String, Object> params) {
        return place(tenantId, filter.place(), filter.from(), filter.to(), alias, subnetColumn, params);
    }

    /**
     * The one definition of a place on this page (docs/locations.md, "Filters on other pages"): a row of alias
     * {@code alias} whose UTC day and subnet the building file applying on that day maps into the place.
     */
    private String place(
            long tenantId,
            Place place,
            LocalDate from,
            LocalDate to,
            String alias,
            String subnetColumn,
            Map<String, Object> params) {
        return locations.condition(tenantId, place, from, to, alias + ".day", alias + "." + subnetColumn, params);
    }

    /**
     * SQL true for a session (its id in {@code sessionIdColumn}) that this page counts in the place among the
     * sessions of the modality code (0 every session): its session row's caller subnet, as every figure of the page
     * reads it. Rate My Call places a rating by its session so (docs/reliability.md), and session details'
     * drill-through from a top failure through {@link org.commsportal.common.CallerPlaces}.
     */
    String sessionInPlace(
            long tenantId,
            Place place,
            LocalDate from,
            LocalDate to,
            int modality,
            String sessionIdColumn,
            Map<String, Object> params) {
        SqlColumn.checked(sessionIdColumn);
        params.put("cp_tenant", tenantId);
        params.put("cp_modality", modality);
        return "EXISTS (SELECT 1 FROM reliability_session rp WHERE rp.tenant_id = :cp_tenant AND rp.session_id = "
                + sessionIdColumn + " AND rp.modality = :cp_modality AND "
                + place(tenantId, place, from, to, "rp", "subnet", params) + ")";
    }

    /**
     * With a place: the ratings whose session the reliability page counts there, among every session: by the caller
     * subnet each rating keeps from its session row (changeset 058), so the place's ratings are read by
     * ix_feedback_rating_caller_subnet from its subnets instead of every rating of the range with its session row.
     */
    private String ratingInPlace(long tenantId, ReliabilityFilter filter, Map<String, Object> params) {
        return place(tenantId, filter, "f", "caller_subnet", params);
    }

    /**
     * With a place (docs/locations.md): the per-subnet day rows (kind 6) of the place's subnets summed per day and
     * modality code, optionally of one subnet; read like kind 0 rows of the place.
     */
    List<DayCounts> placeDays(
            long tenantId, ReliabilityFilter filter, int kind, String value, @Nullable String subnet) {
        Map<String, Object> params = new HashMap<>();
        params.put("tenantId", tenantId);
        params.put("from", filter.from());
        params.put("to", filter.to());
        params.put("subnet", subnet == null ? "" : subnet);
        return jdbc.sql("""
                        SELECT r.day, r.modality, %s FROM reliability_day r
                        WHERE r.tenant_id = :tenantId AND r.modality IN (0, 4, 5, 6) AND r.kind = 6
                            AND r.day BETWEEN :from AND :to %s AND %s
                        GROUP BY r.day, r.modality
                        """.formatted(
                                COUNTS,
                                subnet == null ? "" : "AND r.split_value = :subnet",
                                place(tenantId, filter, "r", "split_value", params)))
                .params(params)
                .query((rs, row) -> new DayCounts(
                        rs.getObject("day", LocalDate.class), rs.getInt("modality"), kind, value, counts(rs)))
                .list();
    }

    /**
     * With a place and a split other than the subnet: the per-subnet day rows (changeset 056) of the place's subnets
     * whose split value is the value, summed per day and modality code.
     */
    List<DayCounts> placeSplitDays(long tenantId, ReliabilityFilter filter, ReliabilitySplit split, String value) {
        Map<String, Object> params = new HashMap<>();
        params.put("tenantId", tenantId);
        params.put("from", filter.from());
        params.put("to", filter.to());
        params.put("kind", split.kind());
        params.put("value", value);
        return jdbc.sql("""
                        SELECT r.day, r.modality, %s FROM reliability_subnet_day r
                        WHERE r.tenant_id = :tenantId AND r.modality IN (0, 4, 5, 6) AND r.kind = :kind
                            AND r.day BETWEEN :from AND :to AND %s = :value AND %s
                        GROUP BY r.day, r.modality
                        """.formatted(
                        COUNTS, valueOf(split, "r.split_value"), place(tenantId, filter, "r", "subnet", params)))
                .params(params)
                .query((rs, row) -> new DayCounts(
                        rs.getObject("day", LocalDate.class), rs.getInt("modality"), split.kind(), value, counts(rs)))
                .list();
    }

    /**
     * With a place: every value of a split over the filter's range and modality, in the place, from the day rows of
     * the place's subnets (kind 6) for the subnet split and from the per-subnet day rows for the others.
     */
    List<ValueCounts> placeValues(long tenantId, ReliabilityFilter filter, ReliabilitySplit split) {
        Map<String, Object> params = new HashMap<>();
        params.put("tenantId", tenantId);
        params.put("from", filter.from());
        params.put("to", filter.to());
        params.put("modality", filter.modalityCode());
        params.put("kind", split.kind());
        String sql = split == ReliabilitySplit.SUBNET
                ? """
                        SELECT r.split_value, %s FROM reliability_day r
                        WHERE r.tenant_id = :tenantId AND r.modality = :modality AND r.kind = 6
                            AND r.day BETWEEN :from AND :to AND %s
                        GROUP BY r.split_value
                        """.formatted(COUNTS, place(tenantId, filter, "r", "split_value", params))
                : """
                        SELECT %1$s AS split_value, %2$s FROM reliability_subnet_day r
                        WHERE r.tenant_id = :tenantId AND r.modality = :modality AND r.kind = :kind
                            AND r.day BETWEEN :from AND :to AND %3$s
                        GROUP BY 1
                        """.formatted(
                        valueOf(split, "r.split_value"), COUNTS, place(tenantId, filter, "r", "subnet", params));
        return jdbc.sql(sql)
                .params(params)
                .query((rs, row) -> new ValueCounts(rs.getString("split_value"), counts(rs)))
                .list();
    }

    /**
     * A split's value over a column of stored values: a client version is the group of the stored user agent
     * (docs/call-quality.md, "Client versions"), every other value itself.
     */
    private static String valueOf(@Nullable ReliabilitySplit split, String column) {
        return split == ReliabilitySplit.CLIENT ? ClientVersions.sql(column) : column;
    }

    /** A split's value as the day rows store it: text (a flag or a code as its digits). */
    private static String asText(ReliabilitySplit split, String column) {
        return split.storedAsText()
                ? valueOf(split, column)
                : "CAST(" + column + " AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci";
    }

    private static ReliabilityCounts counts(ResultSet rs) throws SQLException {
        return new ReliabilityCounts(
                rs.getLong("attempts"), rs.getLong("setup_failures"), rs.getLong("drops"), rs.getLong("expected"));
    }

    /**
     * The day rows of the filter's split value for each modality code, and of every session (kind 0) and sessions
     * inside the corporate network (kind 3, value '1') for the scorecard.
     */
    List<DayCounts> days(long tenantId, ReliabilityFilter filter) {
        // primary key (tenant, modality, kind, split_value, day): one range per modality and kind
        return jdbc.sql("""
                        SELECT day, modality, kind, IF(kind = :kind, %1$s, split_value) AS split_value, attempts,
                            setup_failures, drops, expected
                        FROM reliability_day
                        WHERE tenant_id = :tenantId AND modality IN (0, 4, 5, 6)
                            AND ((kind = :kind AND %1$s = :value) OR kind = 0
                                OR (kind = 3 AND split_value = '1'))
                            AND day BETWEEN :from AND :to
                        """.formatted(valueOf(filter.split(), "split_value")))
                .param("tenantId", tenantId)
                .param("kind", filter.kind())
                .param("value", filter.value())
                .param("from", filter.from())
                .param("to", filter.to())
                .query((rs, row) -> new DayCounts(
                        rs.getObject("day", LocalDate.class),
                        rs.getInt("modality"),
                        rs.getInt("kind"),
                        rs.getString("split_value"),
                        counts(rs)))
                .list();
    }

    /** Every value of a split over the filter's range and modality (the filter's own split value is not applied). */
    List<ValueCounts> values(long tenantId, ReliabilityFilter filter, ReliabilitySplit split) {
        return jdbc.sql("""
                        SELECT %s AS split_value, %s FROM reliability_day
                        WHERE tenant_id = :tenantId AND modality = :modality AND kind = :kind
                            AND day BETWEEN :from AND :to
                        GROUP BY 1
                        """.formatted(valueOf(split, "split_value"), COUNTS))
                .param("tenantId", tenantId)
                .param("modality", filter.modalityCode())
                .param("kind", split.kind())
                .param("from", filter.from())
                .param("to", filter.to())
                .query((rs, row) -> new ValueCounts(rs.getString("split_value"), counts(rs)))
                .list();
    }

    private String failureWhere(
            long tenantId, ReliabilityFilter filter, Collection<Integer> codes, Map<String, Object> params) {
        // index (tenant, modality, outcome, day)
        String where = "r.tenant_id = :tenantId AND r.modality = :modality AND r.outcome IN (2, 3)"
                + " AND r.day BETWEEN :from AND :to";
        if (filter.split() != null) {
            where += " AND " + valueOf(filter.split(), "r." + filter.split().column()) + " = :value";
        }
        if (!codes.isEmpty()) {
            where += " AND r.response_code IN (:codes)";
        }
        if (filter.place().any()) {
            where += " AND " + place(tenantId, filter, "r", "subnet", params);
        }
        return where;
    }

    private static JdbcClient.StatementSpec bind(
            JdbcClient.StatementSpec spec,
            long tenantId,
            ReliabilityFilter filter,
            Collection<Integer> codes,
            Map<String, Object> params) {
        spec = spec.params(params)
                .param("tenantId", tenantId)
                .param("modality", filter.modalityCode())
                .param("from", filter.from())
                .param("to", filter.to());
        if (filter.split() != null) {
            spec = spec.param("value", filter.value());
        }
        if (!codes.isEmpty()) {
            spec = spec.param("codes", List.copyOf(codes));
        }
        return spec;
    }

    /**
     * The failures per day and key: their sessions (one row per session of the modality), first and last start. Without
     * a split or place, from ix_reliability_session_failure_keys alone (changeset 050).
     */
    List<FailureDay> failureDays(long tenantId, ReliabilityFilter filter, Collection<Integer> codes) {
        Map<String, Object> params = new HashMap<>();
        String where = failureWhere(tenantId, filter, codes, params);
        return bind(jdbc.sql("""
                                SELECT r.outcome, r.response_code, r.diagnostic_id, r.day, COUNT(*) AS sessions,
                                    MIN(r.session_start) AS first_seen, MAX(r.session_start) AS last_seen
                                FROM reliability_session r WHERE %s
                                GROUP BY r.outcome, r.response_code, r.diagnostic_id, r.day
                                """.formatted(where)), tenantId, filter, codes, params)
                .query((rs, row) -> new FailureDay(
                        rs.getInt("outcome"),
                        (Integer) rs.getObject("response_code", Integer.class),
                        (Integer) rs.getObject("diagnostic_id", Integer.class),
                        rs.getObject("day", LocalDate.class),
                        rs.getLong("sessions"),
                        UtcDateTime.fromColumn(rs.getObject("first_seen", java.time.LocalDateTime.class)),
                        UtcDateTime.fromColumn(rs.getObject("last_seen", java.time.LocalDateTime.class))))
                .list();
    }

    /**
     * The distinct users of either side of each key's failures (UNION makes the pairs of key and user distinct, which
     * is faster here than COUNT(DISTINCT) over both sides); without a split or place from the index alone.
     */
    List<FailureUsers> failureUsers(long tenantId, ReliabilityFilter filter, Collection<Integer> codes) {
        Map<String, Object> params = new HashMap<>();
        String where = failureWhere(tenantId, filter, codes, params);
        return bind(jdbc.sql("""
                                SELECT outcome, response_code, diagnostic_id, COUNT(*) AS users
                                FROM (
                                    SELECT r.outcome, r.response_code, r.diagnostic_id, r.from_user_id AS user_id
                                    FROM reliability_session r WHERE %1$s
                                    UNION
                                    SELECT r.outcome, r.response_code, r.diagnostic_id, r.to_user_id
                                    FROM reliability_session r WHERE %1$s
                                ) u
                                WHERE user_id IS NOT NULL
                                GROUP BY outcome, response_code, diagnostic_id
                                """.formatted(where)), tenantId, filter, codes, params)
                .query((rs, row) -> new FailureUsers(
                        rs.getInt("outcome"),
                        (Integer) rs.getObject("response_code", Integer.class),
                        (Integer) rs.getObject("diagnostic_id", Integer.class),
                        rs.getLong("users")))
                .list();
    }

    /**
     * The diagnostic header (reason text) of a failure key's latest session in the filter, the one that started at
     * {@code lastSeen} (the highest session id of those that started then); null when it has none.
     */
    @Nullable
    String failureReason(
            long tenantId,
            ReliabilityFilter filter,
            int outcome,
            @Nullable Integer responseCode,
            @Nullable Integer diagnosticId,
            Instant lastSeen) {
        Map<String, Object> params = new HashMap<>();
        var start = UtcDateTime.toColumn(lastSeen);
        String where = failureWhere(tenantId, filter, List.of(), params)
                + " AND r.outcome = :outcome AND r.day = :lastDay AND r.response_code <=> :responseCode"
                + " AND r.diagnostic_id <=> :diagnosticId AND r.session_start = :lastSeen";
        params.put("outcome", outcome);
        params.put("lastDay", start.toLocalDate());
        params.put("lastSeen", start);
        return bind(
                        jdbc.sql("SELECT r.diagnostic_header FROM reliability_session r WHERE " + where
                                + " ORDER BY r.session_id DESC LIMIT 1"),
                        tenantId,
                        filter,
                        List.of(),
                        params)
                .param("responseCode", responseCode)
                .param("diagnosticId", diagnosticId)
                .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(header -> header)
                .orElse(null);
    }

    /** The rating day rows of the filter's split value (or every rating). */
    List<FeedbackDay> feedbackDays(long tenantId, ReliabilityFilter filter) {
        if (filter.place().any()) {
            return placeFeedbackDays(tenantId, filter);
        }
        return jdbc.sql("""
                        SELECT day, rated, rating_sum, poor FROM feedback_day
                        WHERE tenant_id = :tenantId AND kind = :kind AND %s = :value
                            AND day BETWEEN :from AND :to
                        ORDER BY day
                        """.formatted(valueOf(filter.split(), "split_value")))
                .param("tenantId", tenantId)
                .param("kind", filter.kind())
                .param("value", filter.value())
                .param("from", filter.from())
                .param("to", filter.to())
                .query((rs, row) -> new FeedbackDay(
                        rs.getObject("day", LocalDate.class),
                        new FeedbackCounts(rs.getLong("rated"), rs.getLong("rating_sum"), rs.getLong("poor"))))
                .list();
    }

    /**
     * With a place: the ratings (the read model the rating day rows are summed from) of the filter's split value whose
     * session lies in the place, per day; ix_feedback_rating_day, each rating's session row by its primary key.
     */
    private List<FeedbackDay> placeFeedbackDays(long tenantId, ReliabilityFilter filter) {
        Map<String, Object> params = ratingParams(tenantId, filter);
        return jdbc.sql("""
                        SELECT f.day, COUNT(*) AS rated, SUM(f.rating) AS rating_sum, SUM(f.rating <= 2) AS poor
                        FROM feedback_rating f
                        WHERE %s
                        GROUP BY f.day
                        ORDER BY f.day
                        """.formatted(ratingWhere(tenantId, filter, params)))
                .params(params)
                .query((rs, row) -> new FeedbackDay(
                        rs.getObject("day", LocalDate.class),
                        new FeedbackCounts(rs.getLong("rated"), rs.getLong("rating_sum"), rs.getLong("poor"))))
                .list();
    }

    private static Map<String, Object> ratingParams(long tenantId, ReliabilityFilter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("tenantId", tenantId);
        params.put("from", filter.from());
        params.put("to", filter.to());
        if (filter.split() != null) {
            params.put("value", filter.value());
        }
        return params;
    }

    /**
     * The ratings of the filter over feedback_rating f: its days (ix_feedback_rating_day), its split value and its
     * place; the parameters of {@link #ratingParams} and those of the place, added to {@code params}.
     */
    private String ratingWhere(long tenantId, ReliabilityFilter filter, Map<String, Object> params) {
        String where = "f.tenant_id = :tenantId AND f.day BETWEEN :from AND :to";
        if (filter.split() != null) {
            where += " AND " + valueOf(filter.split(), "f." + filter.split().column()) + " = :value";
        }
        if (filter.place().any()) {
            where += " AND " + ratingInPlace(tenantId, filter, params);
        }
        return where;
    }

    /** Every value of every split's ratings over the filter's range. */
    Map<ReliabilitySplit, List<FeedbackValue>> feedbackValues(long tenantId, ReliabilityFilter filter) {
        Map<ReliabilitySplit, List<FeedbackValue>> values = new java.util.EnumMap<>(ReliabilitySplit.class);
        if (!filter.place().any()) {
            for (ReliabilitySplit split : ReliabilitySplit.values()) {
                values.put(split, feedbackValues(tenantId, filter, split));
            }
            return values;
        }
        for (ReliabilitySplit split : ReliabilitySplit.values()) {
            values.put(split, new java.util.ArrayList<>());
        }
        // The place's ratings read once for every split: grouped by their stored values first (text compared byte for
        // byte, trailing spaces too, so that each stored value gets its own split value, as per rating: a client of one
        // space is "Other", an empty one none), then each group's split values
        // computed once per split (a region's ratings of 100,000 users: 35 ms instead of 85). Every value of each
        // split: the filter's own split value is not applied, as without a place
        ReliabilityFilter everyValue = filter.withSplit(null, null);
        Map<String, Object> params = ratingParams(tenantId, everyValue);
        StringBuilder value = new StringBuilder("CASE k.kind");
        StringBuilder kinds = new StringBuilder();
        List<String> stored = new java.util.ArrayList<>();
        List<String> groups = new java.util.ArrayList<>();
        for (ReliabilitySplit split : ReliabilitySplit.values()) {
            value.append(" WHEN ").append(split.kind()).append(" THEN ").append(asText(split, "g." + split.column()));
            kinds.append(kinds.isEmpty() ? "SELECT " + split.kind() + " AS kind" : " UNION ALL SELECT " + split.kind());
            String column = "f." + split.column();
            boolean text = split.storedAsText();
            stored.add(text ? "MIN(" + column + ") AS " + split.column() : column);
            groups.add(text ? column + " COLLATE utf8mb4_nopad_bin" : column);
        }
        jdbc.sql("""
                        SELECT k.kind, %s END AS split_value, SUM(g.rated) AS rated, SUM(g.rating_sum) AS rating_sum,
                            SUM(g.poor) AS poor
                        FROM (
                            SELECT %s, COUNT(*) AS rated, SUM(f.rating) AS rating_sum, SUM(f.rating <= 2) AS poor
                            FROM feedback_rating f
                            WHERE %s
                            GROUP BY %s
                        ) g STRAIGHT_JOIN (%s) k
                        GROUP BY k.kind, split_value
                        """.formatted(
                                value,
                                String.join(", ", stored),
                                ratingWhere(tenantId, everyValue, params),
                                String.join(", ", groups),
                                kinds))
                .params(params)
                .query((rs, row) -> java.util.Map.entry(
                        rs.getInt("kind"),
                        new FeedbackValue(
                                rs.getString("split_value"),
                                new FeedbackCounts(rs.getLong("rated"), rs.getLong("rating_sum"), rs.getLong("poor")))))
                .list()
                .forEach(entry ->
                        values.get(ReliabilitySplit.ofKind(entry.getKey())).add(entry.getValue()));
        return values;
    }

    /** Every value of a split's ratings over the filter's range, from the rating day rows (no place). */
    private List<FeedbackValue> feedbackValues(long tenantId, ReliabilityFilter filter, ReliabilitySplit split) {
        return jdbc.sql("""
                        SELECT %s AS split_value, SUM(rated) AS rated, SUM(rating_sum) AS rating_sum, SUM(poor) AS poor
                        FROM feedback_day
                        WHERE tenant_id = :tenantId AND kind = :kind AND day BETWEEN :from AND :to
                        GROUP BY 1
                        """.formatted(valueOf(split, "split_value")))
                .param("tenantId", tenantId)
                .param("kind", split.kind())
                .param("from", filter.from())
                .param("to", filter.to())
                .query((rs, row) -> new FeedbackValue(
                        rs.getString("split_value"),
                        new FeedbackCounts(rs.getLong("rated"), rs.getLong("rating_sum"), rs.getLong("poor"))))
                .list();
    }

    /** The problem tokens of the filter's ratings: token and how many ratings named it. */
    List<java.util.Map.Entry<String, Long>> tokens(long tenantId, ReliabilityFilter filter) {
        if (filter.place().any()) {
            // the ratings' tokens split as the token day rows split them (ReliabilitySql.ratingTokens)
            Map<String, Object> params = ratingParams(tenantId, filter);
            return jdbc.sql(ReliabilitySql.tokenCounts(ratingWhere(tenantId, filter, params)))
                    .params(params)
                    .query((rs, row) -> java.util.Map.entry(rs.getString("token"), rs.getLong("ratings")))
                    .list();
        }
        return jdbc.sql("""
                        SELECT token, SUM(ratings) AS ratings FROM feedback_token_day
                        WHERE tenant_id = :tenantId AND kind = :kind AND %s = :value
                            AND day BETWEEN :from AND :to
                        GROUP BY token
                        ORDER BY ratings DESC, token
                        """.formatted(valueOf(filter.split(), "split_value")))
                .param("tenantId", tenantId)
                .param("kind", filter.kind())
                .param("value", filter.value())
                .param("from", filter.from())
                .param("to", filter.to())
                .query((rs, row) -> java.util.Map.entry(rs.getString("token"), rs.getLong("ratings")))
                .list();
    }

    private String commentWhere(long tenantId, ReliabilityFilter filter, Map<String, Object> params) {
        // index (tenant, day, session_start)
        return ratingWhere(tenantId, filter, params) + " AND COALESCE(TRIM(f.feedback_text), '') <> ''";
    }

    /** The ratings with a comment, newest first. */
    List<Comment> comments(long tenantId, ReliabilityFilter filter, int offset, int limit) {
        Map<String, Object> params = ratingParams(tenantId, filter);
        return jdbc.sql("""
                        SELECT f.session_start, f.side, f.rating, f.tokens, f.feedback_text, u.upn, u.pseudonym
                        FROM feedback_rating f
                        LEFT JOIN licensed_user u ON u.id = f.user_id AND u.tenant_id = f.tenant_id
                        WHERE %s
                        ORDER BY f.session_start DESC, f.session_id DESC, f.side
                        LIMIT :limit OFFSET :offset
                        """.formatted(commentWhere(tenantId, filter, params)))
                .params(params)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> new Comment(
                        UtcDateTime.fromColumn(rs.getObject("session_start", java.time.LocalDateTime.class)),
                        rs.getString("side"),
                        rs.getInt("rating"),
                        rs.getString("tokens"),
                        rs.getString("feedback_text"),
                        rs.getString("upn"),
                        rs.getString("pseudonym")))
                .list();
    }

    long commentCount(long tenantId, ReliabilityFilter filter) {
        Map<String, Object> params = ratingParams(tenantId, filter);
        return jdbc.sql("SELECT COUNT(*) FROM feedback_rating f WHERE " + commentWhere(tenantId, filter, params))
                .params(params)
                .query(Long.class)
                .single();
    }

    /**
     * The session rows of a modality code (0 every session) that started in [from, to), summed per value of the split
     * (none: ''), for threshold alerts and gauges (docs/alerts-and-webhooks.md). ix_reliability_session_failure_keys
     * read as one range per outcome over the UTC days the range touches: bounded by a day's sessions.
     */
    List<ValueCounts> window(long tenantId, int modality, Instant from, Instant to, @Nullable ReliabilitySplit split) {
        String value = split == null ? "''" : valueOf(split, split.column());
        return jdbc.sql("""
                        SELECT %s AS split_value, SUM(outcome <> 1) AS attempts, SUM(outcome = 2) AS setup_failures,
                               SUM(outcome = 3) AS drops, SUM(outcome = 1) AS expected
                        FROM reliability_session
                        WHERE tenant_id = :tenantId AND modality = :modality AND outcome IN (0, 1, 2, 3)
                          AND day BETWEEN :firstDay AND :lastDay AND session_start >= :from AND session_start < :to
                        GROUP BY split_value
                        """.formatted(value))
                .param("tenantId", tenantId)
                .param("modality", modality)
                .param("firstDay", UtcDateTime.toColumn(from).toLocalDate())
                .param("lastDay", UtcDateTime.toColumn(to).toLocalDate())
                .param("from", UtcDateTime.toColumn(from))
                .param("to", UtcDateTime.toColumn(to))
                .query((rs, row) -> new ValueCounts(rs.getString("split_value"), counts(rs)))
                .list();
    }

    /** The ratings of sessions that started in [from, to), per value of the split (none: ''); ix_feedback_rating_day. */
    List<FeedbackValue> feedbackWindow(long tenantId, Instant from, Instant to, @Nullable ReliabilitySplit split) {
        String value = split == null ? "''" : valueOf(split, split.column());
        return jdbc.sql("""
                        SELECT %s AS split_value, COUNT(*) AS rated, SUM(rating) AS rating_sum, SUM(rating <= 2) AS poor
                        FROM feedback_rating
                        WHERE tenant_id = :tenantId AND day BETWEEN :firstDay AND :lastDay
                          AND session_start >= :from AND session_start < :to
                        GROUP BY split_value
                        """.formatted(value))
                .param("tenantId", tenantId)
                .param("firstDay", UtcDateTime.toColumn(from).toLocalDate())
                .param("lastDay", UtcDateTime.toColumn(to).toLocalDate())
                .param("from", UtcDateTime.toColumn(from))
                .param("to", UtcDateTime.toColumn(to))
                .query((rs, row) -> new FeedbackValue(
                        rs.getString("split_value"),
                        new FeedbackCounts(rs.getLong("rated"), rs.getLong("rating_sum"), rs.getLong("poor"))))
                .list();
    }
}
