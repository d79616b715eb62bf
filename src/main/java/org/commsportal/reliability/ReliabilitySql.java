package org.commsportal.reliability;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The statements of the reliability and feedback read models (changeset 022), generated once: the classification of
 * a session's modalities and ratings from the raw rows, and the day rows they add up to per split value.
 */
final class ReliabilitySql {

    /** The most tokens of one rating that are counted (a rating's tokens are at most 512 characters). */
    static final int MAX_TOKENS = 40;

    /** The numbers 1 to {@link #MAX_TOKENS} as rows n (column n). */
    private static final String TOKEN_NUMBERS = IntStream.rangeClosed(1, MAX_TOKENS)
            .mapToObj(n -> "SELECT " + n + " AS n")
            .collect(Collectors.joining(" UNION ALL "));

    private static final String KINDS = "("
            + IntStream.rangeClosed(0, ReliabilitySplit.values().length)
                    .mapToObj(kind -> "SELECT " + kind + " AS kind")
                    .collect(Collectors.joining(" UNION ALL "))
            + ") k";

    /** The kinds of the per-subnet day rows: every split but the subnet itself. */
    private static final String SUBNET_KINDS = "("
            + IntStream.rangeClosed(1, ReliabilitySplit.values().length - 1)
                    .mapToObj(kind -> "SELECT " + kind + " AS kind")
                    .collect(Collectors.joining(" UNION ALL "))
            + ") k";

    private static final String CONNECTION = "CASE ml.connection_type WHEN 'wired' THEN 1 WHEN 'wifi' THEN 2"
            + " WHEN 'wi-fi' THEN 2 WHEN 'mobile' THEN 3 ELSE 0 END";

    private ReliabilitySql() {}

    /** The split value of kind {@code k.kind} of a row of alias {@code a}, as text. */
    private static String splitValue(String a) {
        var value = new StringBuilder("CASE k.kind WHEN 0 THEN ''");
        for (ReliabilitySplit split : ReliabilitySplit.values()) {
            String column = a + "." + split.column();
            value.append(" WHEN ")
                    .append(split.kind())
                    .append(" THEN ")
                    .append(
                            split.storedAsText()
                                    ? column
                                    : "CAST(" + column + " AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci");
        }
        return value.append(" END").toString();
    }

    /**
     * Classifies the kept sessions that {@code where} (over comm_session s) selects: one row per modality and one for
     * all. {@code startRange} as for {@link #sessionRows}.
     */
    static String insertSessions(String where, String startRange) {
        return """
                INSERT INTO reliability_session (tenant_id, day, session_id, session_start, modality, outcome,
                    response_code, diagnostic_id, diagnostic_header, from_user_id, to_user_id, conference, connection,
                    inside, vpn, subnet, client)
                """ + sessionRows(where, startRange);
    }

    /**
     * The reliability_session rows of the sessions {@code where} (over comm_session s) selects, classified afresh.
     * {@code startRange} is a condition on the session start of a media line whose alias is its {@code %1$s}, true for
     * every session selected ({@code TRUE} when unknown): the raw tables are partitioned by session start and MariaDB
     * prunes a correlated probe only by such a condition (docs/architecture.md, "Partitioned raw rows").
     */
    static String sessionRows(String where, String startRange) {
        return """
                SELECT f.tenant_id, DATE(f.start_time) AS day, f.id AS session_id, f.start_time AS session_start,
                    f.modality, %1$s AS outcome,
                    f.response_code, f.diagnostic_id, f.diagnostic_header, f.from_user_id, f.to_user_id, f.conference,
                    f.connection, f.inside, f.vpn, f.subnet, f.client
                FROM (
                    SELECT s.tenant_id, s.id, s.start_time, m.modality, s.response_code, s.diagnostic_id,
                        s.diagnostic_header, s.from_user_id,
                        IF(COALESCE(s.conference_url, '') = '', s.to_user_id, NULL) AS to_user_id,
                        COALESCE(s.conference_url, '') <> '' AS conference,
                        %2$s AS connection,
                        COALESCE(ml.inside_corp, 2) AS inside, COALESCE(ml.vpn, 2) AS vpn,
                        COALESCE(ml.subnet, '') AS subnet,
                        LEFT(COALESCE(NULLIF(qs.user_agent, ''), s.from_client_version, ''), 128) AS client,
                        EXISTS (SELECT 1 FROM qoe_media_line i WHERE i.session_id = s.id
                            AND i.session_start = s.start_time AND %4$s AND i.media_type_id IN (4, 5, 6)
                            AND (m.modality = 0 OR i.media_type_id = m.modality) AND i.ice_result = 'failed')
                            AS ice_failed
                    FROM comm_session s
                    JOIN (SELECT 0 AS modality UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6) m
                        ON IF(m.modality = 0, (s.media_mask & 56) <> 0, (s.media_mask & (1 << (m.modality - 1))) <> 0)
                    LEFT JOIN qoe_media_line ml ON ml.session_id = s.id AND ml.session_start = s.start_time
                        AND %5$s AND ml.side = 'FROM' AND ml.media_type_id IN (4, 5, 6)
                        AND (m.modality = 0 OR ml.media_type_id = m.modality)
                        AND NOT EXISTS (SELECT 1 FROM qoe_media_line l
                            WHERE l.session_id = s.id AND l.session_start = s.start_time AND %6$s AND l.side = 'FROM'
                                AND l.media_type_id IN (4, 5, 6) AND (m.modality = 0 OR l.media_type_id = m.modality)
                                AND l.id < ml.id)
                    LEFT JOIN qoe_session qs ON qs.session_id = s.id AND qs.session_start = s.start_time
                        AND qs.side = 'FROM'
                    WHERE %3$s
                ) f
                """.formatted(
                        FailureClassification.sql("f.response_code", "f.diagnostic_id", "f.ice_failed"),
                        CONNECTION,
                        where,
                        startRange.formatted("i"),
                        startRange.formatted("ml"),
                        startRange.formatted("l"));
    }

    /** Adds (sign 1) or takes away (sign -1) the session rows {@code where} (over reliability_session r) selects. */
    static String addSessionDays(String where, int sign) {
        return """
                INSERT INTO reliability_day (tenant_id, modality, kind, split_value, day, attempts, setup_failures,
                    drops, expected)
                SELECT * FROM (
                    SELECT r.tenant_id, r.modality, k.kind, %s AS split_value, r.day, %s
                    FROM reliability_session r JOIN %s
                    WHERE %s
                    GROUP BY r.tenant_id, r.modality, k.kind, split_value, r.day
                ) d
                %s
                """.formatted(splitValue("r"), counters(sign), KINDS, where, addingCounters("reliability_day"));
    }

    /**
     * The session rows {@code where} (over reliability_session r) selects summed per caller subnet, UTC day, modality
     * and split value of every split but the subnet (kinds 1 to 5), each counter times {@code sign}: the per-subnet day
     * rows (changeset 056) a place's figures sum, as the day rows of kind 6 give its sessions. A session without a
     * subnet is in no place and has none.
     */
    static String subnetDays(String where, int sign) {
        return """
                SELECT r.tenant_id, r.modality, k.kind, r.subnet, r.day, %s AS split_value, %s
                FROM reliability_session r JOIN %s
                WHERE r.subnet <> '' AND %s
                GROUP BY r.tenant_id, r.modality, k.kind, r.subnet, r.day, split_value""".formatted(splitValue("r"), counters(sign), SUBNET_KINDS, where);
    }

    /** Adds the rows a {@link #subnetDays} query gives to the per-subnet day rows. */
    static String addSubnetDays(String where, int sign) {
        return """
                INSERT INTO reliability_subnet_day (tenant_id, modality, kind, subnet, day, split_value, attempts,
                    setup_failures, drops, expected)
                SELECT * FROM (
                %s
                ) d
                %s
                """.formatted(subnetDays(where, sign), addingCounters("reliability_subnet_day"));
    }

    /** The session rows' counters (over reliability_session r) summed, each times {@code sign}. */
    private static String counters(int sign) {
        return ("%1$d * SUM(r.outcome <> 1) AS attempts, %1$d * SUM(r.outcome = 2) AS setup_failures,"
                        + " %1$d * SUM(r.outcome = 3) AS drops, %1$d * SUM(r.outcome = 1) AS expected")
                .formatted(sign);
    }

    /** Adds the counters of an inserted row to the day table's row of the same key. */
    private static String addingCounters(String table) {
        return ("ON DUPLICATE KEY UPDATE attempts = %1$s.attempts + VALUES(attempts),"
                        + " setup_failures = %1$s.setup_failures + VALUES(setup_failures),"
                        + " drops = %1$s.drops + VALUES(drops), expected = %1$s.expected + VALUES(expected)")
                .formatted(table);
    }

    /**
     * The ratings of the kept sessions {@code where} (over comm_session s) selects, with their side's split values and
     * their session's caller subnet, the subnet of its session row (modality 0) that the reliability page places the
     * session by ('' without one; changeset 058): the session rows of the same sessions are inserted first.
     * {@code startRange} as for {@link #sessionRows}.
     */
    static String insertRatings(String where, String startRange) {
        return """
                INSERT INTO feedback_rating (tenant_id, day, session_id, session_start, side, user_id, rating, tokens,
                    feedback_text, conference, connection, inside, vpn, subnet, client, caller_subnet)
                SELECT s.tenant_id, DATE(s.start_time), s.id, s.start_time, x.side,
                    IF(x.side = 'FROM', s.from_user_id, IF(COALESCE(s.conference_url, '') = '', s.to_user_id, NULL)),
                    x.rating, x.tokens, x.feedback_text,
                    COALESCE(s.conference_url, '') <> '', %1$s,
                    COALESCE(ml.inside_corp, 2), COALESCE(ml.vpn, 2), COALESCE(ml.subnet, ''),
                    LEFT(COALESCE(NULLIF(qs.user_agent, ''),
                        IF(x.side = 'FROM', s.from_client_version, s.to_client_version), ''), 128),
                    COALESCE((SELECT rp.subnet FROM reliability_session rp WHERE rp.tenant_id = s.tenant_id
                        AND rp.session_id = s.id AND rp.modality = 0), '')
                FROM comm_session s
                JOIN qoe_feedback x ON x.session_id = s.id AND x.session_start = s.start_time
                LEFT JOIN qoe_media_line ml ON ml.session_id = s.id AND ml.session_start = s.start_time
                    AND %3$s AND ml.side = x.side AND ml.media_type_id IN (4, 5, 6)
                    AND NOT EXISTS (SELECT 1 FROM qoe_media_line l
                        WHERE l.session_id = s.id AND l.session_start = s.start_time AND %4$s AND l.side = x.side
                            AND l.media_type_id IN (4, 5, 6) AND l.id < ml.id)
                LEFT JOIN qoe_session qs ON qs.session_id = s.id AND qs.session_start = s.start_time
                    AND qs.side = x.side
                WHERE %2$s
                """.formatted(CONNECTION, where, startRange.formatted("ml"), startRange.formatted("l"));
    }

    /** Adds or takes away the ratings {@code where} (over feedback_rating f) selects. */
    static String addRatingDays(String where, int sign) {
        return """
                INSERT INTO feedback_day (tenant_id, kind, split_value, day, rated, rating_sum, poor)
                SELECT * FROM (
                    SELECT f.tenant_id, k.kind, %s AS split_value, f.day, %d * COUNT(*) AS rated,
                        %d * SUM(f.rating) AS rating_sum, %d * SUM(f.rating <= 2) AS poor
                    FROM feedback_rating f JOIN %s
                    WHERE %s
                    GROUP BY f.tenant_id, k.kind, split_value, f.day
                ) d
                ON DUPLICATE KEY UPDATE rated = feedback_day.rated + VALUES(rated),
                    rating_sum = feedback_day.rating_sum + VALUES(rating_sum), poor = feedback_day.poor + VALUES(poor)
                """.formatted(splitValue("f"), sign, sign, sign, KINDS, where);
    }

    /**
     * Adds or takes away the problem tokens of the ratings {@code where} (over feedback_rating f) selects: each
     * distinct token of a rating once, trimmed, its first {@link #MAX_TOKENS}.
     */
    static String addTokenDays(String where, int sign) {
        return """
                INSERT INTO feedback_token_day (tenant_id, kind, split_value, day, token, ratings)
                SELECT * FROM (
                    SELECT t.tenant_id, k.kind, %s AS split_value, t.day, t.token, %d * COUNT(*) AS ratings
                    FROM (%s) t JOIN %s
                    WHERE t.token <> ''
                    GROUP BY t.tenant_id, k.kind, split_value, t.day, t.token
                ) d
                ON DUPLICATE KEY UPDATE ratings = feedback_token_day.ratings + VALUES(ratings)
                """.formatted(splitValue("t"), sign, ratingTokens(where), KINDS);
    }

    /**
     * The problem tokens of the ratings {@code where} (over feedback_rating f) selects, one row per distinct token of
     * a rating, trimmed, its first {@link #MAX_TOKENS} (an empty token may appear; callers leave it out), with the
     * rating's key, day and split values: what the token day rows count, and what the feedback page counts for a
     * place (docs/reliability.md). The ratings are read before the numbers (STRAIGHT_JOIN): MariaDB otherwise read a
     * place's ratings once per number (0.6 s for a region's ratings of 100,000 users; 0.08 s so).
     */
    static String ratingTokens(String where) {
        return """
                SELECT DISTINCT f.tenant_id, f.session_id, f.side, f.day, f.conference, f.connection, f.inside,
                    f.vpn, f.subnet, f.client,
                    %s AS token
                FROM feedback_rating f
                STRAIGHT_JOIN (%s) n ON %s
                WHERE %s""".formatted(nthToken("f.tokens"), TOKEN_NUMBERS, hasNthToken("f.tokens"), where);
    }

    /**
     * The problem tokens of the ratings {@code where} (over feedback_rating f) selects, each with how many ratings
     * name it (columns token and ratings, most named first): what {@link #ratingTokens} counts, but each distinct list
     * of tokens split once and weighed by the ratings that carry it (the lists, compared byte for byte, stand in for
     * the ratings: a token twice in a list still counts once). A region's thousands of ratings carry few distinct
     * lists: 15 ms instead of 90 at 100,000 users (docs/reliability.md).
     */
    static String tokenCounts(String where) {
        return """
                SELECT t.token, SUM(t.ratings) AS ratings FROM (
                    SELECT DISTINCT l.list, l.ratings, %s AS token
                    FROM (
                        SELECT f.tokens COLLATE utf8mb4_nopad_bin AS list, MIN(f.tokens) AS tokens, COUNT(*) AS ratings
                        FROM feedback_rating f
                        WHERE %s AND f.tokens <> ''
                        GROUP BY f.tokens COLLATE utf8mb4_nopad_bin
                    ) l
                    STRAIGHT_JOIN (%s) n ON %s
                ) t
                WHERE t.token <> ''
                GROUP BY t.token
                ORDER BY ratings DESC, t.token""".formatted(nthToken("l.tokens"), where, TOKEN_NUMBERS, hasNthToken("l.tokens"));
    }

    /** The n-th token of a comma-separated list, trimmed, its first 64 characters. */
    private static String nthToken(String list) {
        return "LEFT(TRIM(SUBSTRING_INDEX(SUBSTRING_INDEX(" + list + ", ',', n.n), ',', -1)), 64)";
    }

    /** Whether the list has an n-th token. */
    private static String hasNthToken(String list) {
        return "n.n <= 1 + LENGTH(" + list + ") - LENGTH(REPLACE(" + list + ", ',', ''))";
    }
}
