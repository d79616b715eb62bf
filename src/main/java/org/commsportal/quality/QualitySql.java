package org.commsportal.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.commsportal.sessions.Modality;

/**
 * The SQL of the call quality read model, generated once from {@link QualityMetric}: how a stream is classified and
 * bucketed from the raw quality rows (the SQL twin of the poor-stream rules, docs/call-quality.md), and how stream rows
 * add up to day rows. The listener, the retention-safe rebuild, verify-rollups and changeset 020 all use the same
 * text; a unit test checks that the changeset holds it.
 */
final class QualitySql {

    /** The day rows' key columns after tenant_id. */
    static final List<String> DAY_KEY =
            List.of("day", "modality", "conference", "connection", "inside", "vpn", "subnet", "client");

    /** The classified modalities' ids and 0 (every modality), ascending, comma-separated: "0, 4, 5, 6". */
    static final String EVERY_MODALITY_IDS = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(0),
                    QualityMetric.MODALITIES.stream().map(Modality::id))
            .sorted()
            .map(String::valueOf)
            .collect(Collectors.joining(", "));

    /** A derived table of one row per id of {@link #EVERY_MODALITY_IDS}, column modality. */
    private static final String EVERY_MODALITY = "(SELECT "
            + EVERY_MODALITY_IDS.replaceFirst(",", " AS modality,").replace(", ", " UNION ALL SELECT ") + ")";

    /** The stream rows' columns, in insert order. */
    static final List<String> STREAM_COLUMNS = List.of(
            "tenant_id",
            "day",
            "session_id",
            "session_start",
            "modality",
            "stream_id",
            "side",
            "user_id",
            "verdict",
            "reason",
            "rules",
            "conference",
            "connection",
            "inside",
            "vpn",
            "subnet",
            "client",
            "m1",
            "m2",
            "m3",
            "m4",
            "m5");

    /** Changeset 020's form of {@link #TABLES}: the same rows, but each media line probe reads every partition. */
    private static final String TABLES_OF_CHANGESET_020 = """
            FROM comm_session s
            JOIN %1$s x ON x.session_id = s.id AND x.session_start = s.start_time
            LEFT JOIN qoe_media_line ml ON ml.session_start = s.start_time AND ml.id = (
                SELECT MIN(l.id) FROM qoe_media_line l
                WHERE l.session_id = s.id AND l.session_start = s.start_time AND l.side = x.side AND l.media_type_id = %2$d)
            LEFT JOIN qoe_session qs ON qs.session_id = s.id AND qs.session_start = s.start_time AND qs.side = x.side
            """;

    /**
     * A stream's session, its side's first media line of the modality and its side's QoE session report. The raw
     * tables are partitioned by session start, and MariaDB prunes a correlated probe only by a condition on the
     * probed table's own start column ({@code %3$s} for ml, {@code %4$s} for l): without one, every media line probe
     * reads every partition's index (three times slower with 62 partitions).
     */
    private static final String TABLES = """
            FROM comm_session s
            JOIN %1$s x ON x.session_id = s.id AND x.session_start = s.start_time
            LEFT JOIN qoe_media_line ml ON ml.session_id = s.id AND ml.session_start = s.start_time
                AND ml.side = x.side AND ml.media_type_id = %2$d AND %3$s
                AND NOT EXISTS (SELECT 1 FROM qoe_media_line l WHERE l.session_id = s.id
                    AND l.session_start = s.start_time AND l.side = x.side AND l.media_type_id = %2$d AND %4$s
                    AND l.id < ml.id)
            LEFT JOIN qoe_session qs ON qs.session_id = s.id AND qs.session_start = s.start_time AND qs.side = x.side
            """;

    private QualitySql() {}

    /** The day-row counters after the key: verdict counts, poor streams per rule, histogram buckets per slot. */
    static List<String> dayCounters() {
        List<String> columns = new ArrayList<>(List.of("good", "poor", "unclassified"));
        for (int slot = 1; slot <= QualityMetric.SLOTS; slot++) {
            columns.add("r" + slot);
        }
        for (int slot = 1; slot <= QualityMetric.SLOTS; slot++) {
            for (int bucket = 0; bucket < QualityMetric.BUCKETS; bucket++) {
                columns.add(histogram(slot, bucket));
            }
        }
        return columns;
    }

    static String histogram(int slot, int bucket) {
        return "h" + slot + "_" + bucket;
    }

    /**
     * Every classified stream of the sessions that {@code sessionWhere} (over comm_session s) selects, as rows of the
     * stream table's columns: one per audio, video and application sharing stream record, and one Unclassified row
     * (stream_id 0, no side) per such modality in a session's media without any stream record (no QoE report).
     * {@code startRange} is a condition on the session start of a raw quality row whose alias is its {@code %1$s},
     * true for every session selected (the same range or list of starts as {@code sessionWhere}, or {@code TRUE}),
     * so that MariaDB reads only those sessions' partitions.
     */
    static String streams(String sessionWhere, String startRange) {
        return streams(sessionWhere, startRange, false);
    }

    private static String streams(String sessionWhere, String startRange, boolean asChangeset020) {
        List<String> parts = new ArrayList<>();
        parts.add(streamsOf(Modality.AUDIO, "qoe_audio_stream", sessionWhere, startRange, asChangeset020));
        parts.add(streamsOf(Modality.VIDEO, "qoe_video_stream", sessionWhere, startRange, asChangeset020));
        parts.add(streamsOf(
                Modality.APPLICATION_SHARING, "qoe_app_sharing_stream", sessionWhere, startRange, asChangeset020));
        parts.add(withoutReport(Modality.AUDIO, "qoe_audio_stream", sessionWhere, asChangeset020));
        parts.add(withoutReport(Modality.VIDEO, "qoe_video_stream", sessionWhere, asChangeset020));
        parts.add(withoutReport(Modality.APPLICATION_SHARING, "qoe_app_sharing_stream", sessionWhere, asChangeset020));
        return String.join("\nUNION ALL\n", parts);
    }

    private static String streamsOf(
            Modality modality, String table, String sessionWhere, String startRange, boolean asChangeset020) {
        List<QualityMetric> metrics = QualityMetric.of(modality);
        String reported =
                metrics.stream().map(m -> "(x." + m.column() + " IS NOT NULL)").collect(Collectors.joining(" + "));
        List<String> rules = new ArrayList<>();
        for (QualityMetric m : metrics) {
            String tripped = "COALESCE(x." + m.column() + (m.poorBelow() ? " < " : " > ")
                    + QualityMetric.sqlDouble(m.threshold()) + ", 0)";
            if (modality == Modality.VIDEO) {
                // the first reported metric decides
                for (QualityMetric earlier : metrics) {
                    if (earlier.slot() < m.slot()) {
                        tripped = "(x." + earlier.column() + " IS NULL AND " + tripped + ")";
                    }
                }
            }
            rules.add("(" + tripped + " << " + (m.slot() - 1) + ")");
        }
        List<String> buckets = new ArrayList<>();
        for (int slot = 1; slot <= QualityMetric.SLOTS; slot++) {
            if (slot <= metrics.size()) {
                QualityMetric m = metrics.get(slot - 1);
                List<String> above = new ArrayList<>();
                for (int i = 0; i < QualityMetric.BUCKETS - 1; i++) {
                    above.add("(x." + m.column() + " > " + QualityMetric.sqlDouble(m.edge(i)) + ")");
                }
                buckets.add(String.join(" + ", above) + " AS m" + slot);
            } else {
                buckets.add("NULL AS m" + slot);
            }
        }
        String iceFailed = "EXISTS (SELECT 1 FROM qoe_media_line i WHERE i.session_id = s.id"
                + " AND i.session_start = s.start_time AND i.side = x.side AND i.media_type_id = " + modality.id()
                + (asChangeset020 ? "" : " AND " + startRange.formatted("i"))
                + " AND i.ice_result = 'failed')";
        String tables = asChangeset020
                ? TABLES_OF_CHANGESET_020.formatted(table, modality.id())
                : TABLES.formatted(table, modality.id(), startRange.formatted("ml"), startRange.formatted("l"));
        return """
                SELECT f.tenant_id, DATE(f.session_start) AS day, f.session_id, f.session_start, %1$d AS modality,
                       f.stream_id, f.side, f.user_id,
                       CASE WHEN f.ice_failed OR f.reported = 0 THEN 2 WHEN f.rules > 0 THEN 3 ELSE 1 END AS verdict,
                       CASE WHEN f.ice_failed THEN 1 WHEN f.reported = 0 THEN 2 ELSE 0 END AS reason,
                       IF(f.ice_failed OR f.reported = 0, 0, f.rules) AS rules,
                       f.conference, f.connection, f.inside, f.vpn, f.subnet, f.client, f.m1, f.m2, f.m3, f.m4, f.m5
                FROM (
                    SELECT s.tenant_id, s.id AS session_id, s.start_time AS session_start, x.id AS stream_id, x.side,
                           IF(x.side = 'FROM', s.from_user_id,
                              IF(COALESCE(s.conference_url, '') = '', s.to_user_id, NULL)) AS user_id,
                           COALESCE(s.conference_url, '') <> '' AS conference,
                           CASE ml.connection_type WHEN 'wired' THEN 1 WHEN 'wifi' THEN 2 WHEN 'wi-fi' THEN 2
                                WHEN 'mobile' THEN 3 ELSE 0 END AS connection,
                           COALESCE(ml.inside_corp, 2) AS inside, COALESCE(ml.vpn, 2) AS vpn,
                           COALESCE(ml.subnet, '') AS subnet,
                           LEFT(COALESCE(NULLIF(qs.user_agent, ''),
                                IF(x.side = 'FROM', s.from_client_version, s.to_client_version), ''), 128) AS client,
                           %2$s AS ice_failed,
                           %3$s AS reported,
                           %4$s AS rules,
                           %5$s
                    %6$s
                    WHERE %7$s
                ) f""".formatted(
                        modality.id(),
                        iceFailed,
                        reported,
                        String.join(" | ", rules),
                        String.join(",\n                           ", buckets),
                        tables.strip(),
                        sessionWhere);
    }

    /**
     * The sessions {@code sessionWhere} selects that used the modality but sent no stream of it: one unclassified
     * stream each. Each session's streams are probed by their index (a scalar subquery): MariaDB turned changeset
     * 020's {@code NOT EXISTS} into a materialization of every stream row of the table, tenants and days alike, for
     * the few sessions of a write (310,000 application sharing streams read for 100 sessions at 100,000 users).
     */
    private static String withoutReport(Modality modality, String table, String sessionWhere, boolean asChangeset020) {
        String noStream = asChangeset020
                ? "NOT EXISTS (SELECT 1 FROM %1$s x WHERE x.session_id = s.id AND x.session_start = s.start_time)"
                : "(SELECT 1 FROM %1$s x WHERE x.session_id = s.id AND x.session_start = s.start_time LIMIT 1) IS NULL";
        return """
                SELECT s.tenant_id, DATE(s.start_time), s.id, s.start_time, %1$d, 0, NULL, NULL, 2, 3, 0,
                       COALESCE(s.conference_url, '') <> '', 0, 2, 2, '', '', NULL, NULL, NULL, NULL, NULL
                FROM comm_session s
                WHERE %2$s AND (s.media_mask & %3$d) <> 0
                  AND %4$s""".formatted(modality.id(), sessionWhere, modality.bit(), noStream.formatted(table));
    }

    /** Inserts the streams of the sessions {@code sessionWhere} selects into the stream table. */
    static String insertStreams(String sessionWhere, String startRange) {
        return "INSERT INTO quality_stream (" + String.join(", ", STREAM_COLUMNS) + ")\n"
                + streams(sessionWhere, startRange);
    }

    /** Changeset 020's statement: {@link #insertStreams} of every kept session, in the form it ran. */
    static String insertStreamsAsChangeset020(String sessionWhere) {
        return "INSERT INTO quality_stream (" + String.join(", ", STREAM_COLUMNS) + ")\n"
                + streams(sessionWhere, "", true);
    }

    /**
     * The day rows of the stream rows {@code source} gives (a table or a derived table aliased q), each counter
     * multiplied by {@code sign} (1 or -1).
     */
    static String days(String source, String where, int sign) {
        String times = sign < 0 ? "-" : "";
        List<String> counters = new ArrayList<>();
        counters.add(times + "SUM(q.verdict = 1) AS good");
        counters.add(times + "SUM(q.verdict = 3) AS poor");
        counters.add(times + "SUM(q.verdict = 2) AS unclassified");
        for (int slot = 1; slot <= QualityMetric.SLOTS; slot++) {
            counters.add(times + "SUM((q.rules & " + (1 << (slot - 1)) + ") <> 0) AS r" + slot);
        }
        for (int slot = 1; slot <= QualityMetric.SLOTS; slot++) {
            for (int bucket = 0; bucket < QualityMetric.BUCKETS; bucket++) {
                counters.add(times + "SUM(IFNULL(q.m" + slot + " = " + bucket + ", 0)) AS " + histogram(slot, bucket));
            }
        }
        String key = "q.tenant_id, " + DAY_KEY.stream().map(c -> "q." + c).collect(Collectors.joining(", "));
        return "SELECT " + key + ",\n    " + String.join(",\n    ", counters) + "\nFROM " + source + "\nWHERE " + where
                + "\nGROUP BY " + key;
    }

    /** Adds the day rows a {@link #days} query gives to the day table. */
    static String addDays(String daysQuery) {
        return addRows("quality_day", DAY_KEY, daysQuery);
    }

    /** The session-day rows' criterion of a tripped rule: 10 + its slot (changeset 052); a verdict is its code. */
    static final int RULE_CRITERIA = 10;

    /** The session-day rows' criterion of every stream of the modality, whatever its verdict (changeset 057). */
    static final int ANY_VERDICT = 0;

    /**
     * The session-day rows (changesets 052 and 057) of the stream rows {@code source} gives (aliased q): per UTC day,
     * modality (0 any) and criterion (every stream as {@link #ANY_VERDICT}, a verdict by its code, a tripped rule as
     * {@link #RULE_CRITERIA} + slot), the sessions with at least one such stream and the streams, each times
     * {@code sign}. A session's streams are all on its start day, so a range's sessions with such a stream are the sum
     * of its days' rows: what the drill-through counts (docs/session-details.md).
     */
    static String sessionDays(String source, String where, int sign) {
        return sessionDays(source, where, sign, everyCriterion(), false, true);
    }

    /**
     * The session-quarter rows (changeset 059): the rows of {@link #sessionDays} per quarter of an hour of the
     * sessions' start within the UTC day (column {@code quarter}, its start), so that a range starting or ending within
     * a UTC day (a viewer's zone other than UTC: every zone's midnight falls on a quarter of an hour) counts its partial
     * days from them. A session starts in one quarter, so its quarters add up exactly.
     */
    static String sessionQuarters(String source, String where, int sign) {
        return sessionDays(source, where, sign, everyCriterion(), true, true);
    }

    /** Changeset 059's form of {@link #sessionQuarters}: the same rows, over every stream row, in any join order. */
    static String sessionQuartersAsChangeset059(String source, String where, int sign) {
        return sessionDays(source, where, sign, everyCriterion(), true, false);
    }

    private static List<Integer> everyCriterion() {
        List<Integer> criteria = new ArrayList<>(List.of(ANY_VERDICT, 1));
        criteria.addAll(unclassifiedPoorAndRules());
        return criteria;
    }

    /** The criteria of changeset 052: Unclassified, Poor and each rule's {@link #RULE_CRITERIA} + slot. */
    private static List<Integer> unclassifiedPoorAndRules() {
        List<Integer> criteria = new ArrayList<>(List.of(2, 3));
        for (int slot = 1; slot <= QualityMetric.SLOTS; slot++) {
            criteria.add(RULE_CRITERIA + slot);
        }
        return criteria;
    }

    /** Changeset 052's form of {@link #sessionDays}: Unclassified, Poor and the rules, of those streams only. */
    static String sessionDaysAsChangeset052(String source, String where, int sign) {
        return sessionDays(source, where, sign, unclassifiedPoorAndRules(), false, false);
    }

    /** Changeset 057's rows of {@link #sessionDays}: every stream and the Good ones. */
    static String sessionDaysAddedByChangeset057(String source, String where, int sign) {
        return sessionDays(source, where, sign, List.of(ANY_VERDICT, 1), false, false);
    }

    /**
     * The session-day rows of the given criteria, per quarter of an hour too with {@code quarters}; without
     * {@link #ANY_VERDICT}, of their verdicts' streams only. With {@code streamsFirst} the stream rows are read before
     * the modalities and criteria are joined (STRAIGHT_JOIN): MariaDB otherwise starts from those two small lists and
     * reads every stream row of the table, not a day's or a write's by an index (a bulk import's rebuild of 30 days took
     * 45 s more for it at 200,000 sessions).
     */
    private static String sessionDays(
            String source, String where, int sign, List<Integer> criteria, boolean quarters, boolean streamsFirst) {
        String times = sign < 0 ? "-" : "";
        boolean everyStream = criteria.contains(ANY_VERDICT);
        String verdictMatches =
                everyStream ? "c.criterion IN (" + ANY_VERDICT + ", q.verdict)" : "q.verdict = c.criterion";
        String verdicts = criteria.stream()
                .map(c -> c < RULE_CRITERIA ? c : QualityVerdict.POOR.code())
                .distinct()
                .sorted()
                .map(String::valueOf)
                .collect(Collectors.joining(", "));
        List<String> selects = new ArrayList<>();
        for (int criterion : criteria) {
            selects.add("SELECT " + criterion + (selects.isEmpty() ? " AS criterion" : ""));
        }
        String join = streamsFirst ? "STRAIGHT_JOIN" : "JOIN";
        String quarter = quarters
                ? "TIMESTAMPADD(MINUTE, TIMESTAMPDIFF(MINUTE, q.day, q.session_start) DIV 15 * 15, q.day) AS quarter, "
                : "";
        return "SELECT q.tenant_id, q.day, m.modality, c.criterion, " + quarter + times
                + "COUNT(DISTINCT q.session_id) AS sessions, " + times + "COUNT(*) AS streams\nFROM " + source
                + "\n" + join + " " + EVERY_MODALITY + " m"
                + " ON m.modality IN (0, q.modality)\n" + join + " (" + String.join(" UNION ALL ", selects) + ") c"
                + " ON IF(c.criterion < " + RULE_CRITERIA + ", " + verdictMatches + ","
                + " (q.rules & (1 << (c.criterion - " + (RULE_CRITERIA + 1)
                + "))) <> 0)\nWHERE " + (everyStream ? "" : "q.verdict IN (" + verdicts + ") AND ")
                + where + "\nGROUP BY q.tenant_id, q.day, m.modality, c.criterion" + (quarters ? ", quarter" : "");
    }

    /** Adds the rows a {@link #sessionQuarters} query gives to the session-quarter table. */
    static String addSessionQuarters(String sessionQuartersQuery) {
        return addSessionRows("quality_session_quarter", "day, modality, criterion, quarter", sessionQuartersQuery);
    }

    /** Adds the rows a {@link #sessionDays} query gives to the session-day table. */
    static String addSessionDays(String sessionDaysQuery) {
        return addSessionRows("quality_session_day", "day, modality, criterion", sessionDaysQuery);
    }

    /** The user-day rows' key columns after tenant_id (changeset 061): the order the worst users read them in. */
    static final List<String> USER_DAY_KEY = List.of("modality", "day", "user_id");

    /** The user-pair-day rows' key columns after tenant_id (changeset 063): the pair code first. */
    static final List<String> USER_PAIR_DAY_KEY = List.of("pair", "modality", "day", "user_id");

    /** The user-day and user-pair-day rows' counters. */
    static final List<String> USER_DAY_COUNTERS = List.of("good", "poor", "unclassified");

    /**
     * The user-day rows (changeset 061) of the stream rows {@code source} gives (aliased q): per modality (and 0 for
     * every modality), UTC day and user, the user's own-side streams by verdict, each times {@code sign}; streams of no
     * user (a conference's To side) are left out. A range's worst users that no split or place narrows sum these
     * instead of their streams (docs/call-quality.md, "How the figures stay exact"). The stream rows are read first, by
     * an index, before the modalities are joined.
     */
    static String userDays(String source, String where, int sign) {
        return userDays(source, where, sign, false);
    }

    /**
     * The user-pair-day rows (changeset 063): the rows of {@link #userDays} per few-valued split value too, keyed by its
     * {@link #pairCode} first; a range's worst users with one such value fixed sum these. A stream counts once per
     * few-valued split, in the row of its value.
     */
    static String userPairDays(String source, String where, int sign) {
        return userDays(source, where, sign, true);
    }

    private static String userDays(String source, String where, int sign, boolean paired) {
        String times = sign < 0 ? "-" : "";
        return "SELECT q.tenant_id, " + (paired ? pairCodeOfFewValuedSplit("f.fixed", "q") + " AS pair, " : "")
                + "m.modality, q.day, q.user_id, " + times + "SUM(q.verdict = 1) AS good, " + times
                + "SUM(q.verdict = 3) AS poor, " + times + "SUM(q.verdict = 2) AS unclassified\nFROM " + source
                + "\nSTRAIGHT_JOIN " + EVERY_MODALITY
                + " m ON m.modality IN (0, q.modality)"
                + (paired ? "\nSTRAIGHT_JOIN " + FEW_VALUED_SPLITS + " f" : "")
                + "\nWHERE q.user_id IS NOT NULL AND "
                + where
                + "\nGROUP BY q.tenant_id, " + (paired ? "pair, " : "") + "m.modality, q.day, q.user_id";
    }

    /** Inserts the rows a {@link #userDays} query gives into the user-day table (an ON DUPLICATE KEY clause follows). */
    static String insertUserDays(String userDaysQuery) {
        return insertUserRows("quality_user_day", USER_DAY_KEY, userDaysQuery);
    }

    /** Inserts the rows a {@link #userPairDays} query gives into the user-pair-day table (as {@link #insertUserDays}). */
    static String insertUserPairDays(String userPairDaysQuery) {
        return insertUserRows("quality_user_pair_day", USER_PAIR_DAY_KEY, userPairDaysQuery);
    }

    private static String insertUserRows(String table, List<String> key, String query) {
        return "INSERT INTO " + table + " (tenant_id, " + String.join(", ", key) + ", "
                + String.join(", ", USER_DAY_COUNTERS) + ")\nSELECT * FROM (\n" + query + "\n) d";
    }

    /** Adds the rows a {@link #userDays} query gives to the user-day table. */
    static String addUserDays(String userDaysQuery) {
        return insertUserDays(userDaysQuery) + addingCounters("quality_user_day");
    }

    /** Adds the rows a {@link #userPairDays} query gives to the user-pair-day table. */
    static String addUserPairDays(String userPairDaysQuery) {
        return insertUserPairDays(userPairDaysQuery) + addingCounters("quality_user_pair_day");
    }

    private static String addingCounters(String table) {
        return "\nON DUPLICATE KEY UPDATE "
                + USER_DAY_COUNTERS.stream()
                        .map(c -> c + " = " + table + "." + c + " + VALUES(" + c + ")")
                        .collect(Collectors.joining(", "));
    }

    /** Adds the rows a query gives (the key columns after tenant_id, then sessions and streams) to the table's. */
    private static String addSessionRows(String table, String keyColumns, String query) {
        return "INSERT INTO " + table + " (tenant_id, " + keyColumns + ", sessions, streams)\n"
                + "SELECT * FROM (\n" + query + "\n) d\nON DUPLICATE KEY UPDATE sessions = " + table
                + ".sessions + VALUES(sessions), streams = " + table + ".streams + VALUES(streams)";
    }

    /** The split-day rows' key columns after tenant_id (changeset 021). */
    static final List<String> SPLIT_DAY_KEY = List.of("day", "modality", "split", "value");

    /**
     * The split-day rows of the stream rows {@code source} gives: per day, modality and one split's value (the
     * split's ordinal in {@code split}, its stored value as text in {@code value}), each counter multiplied by
     * {@code sign}; one grouped SELECT per split.
     */
    static String splitDays(String source, String where, int sign) {
        return splitDaySelects(source, where, counterSums(sign < 0 ? "-" : ""), true);
    }

    /** Changeset 021's form of {@link #splitDays}: the single splits' rows, without the subnet pairs. */
    static String splitDaysAsChangeset021(String source, String where, int sign) {
        return splitDaySelects(source, where, counterSums(sign < 0 ? "-" : ""), false);
    }

    /** The first pair code ({@link #pairCode}). */
    private static final int FIRST_PAIR_CODE = 8;

    /**
     * The pair code of a few-valued split's stored value, for the rows kept per such fixed value (changeset 049):
     * 8 + 4 x the split's ordinal + the value, so 8 to 23. In the split-day rows (and their period totals) it is the
     * split code of the subnet split of the streams with that value, after the single splits' ordinals 0 to 5; in the
     * users' period totals the code of the streams with that value (0 for all). A page with one such value fixed reads
     * its subnets and worst users from these rows instead of every split combination's.
     */
    static int pairCode(QualitySplit fixed, String value) {
        if (fixed.textual() || !fixed.codes().contains(value)) {
            throw new IllegalArgumentException("No pair rows for " + fixed + " = " + value);
        }
        return FIRST_PAIR_CODE + 4 * fixed.ordinal() + Integer.parseInt(value);
    }

    /** The few-valued splits (those with pair codes), in their order. */
    private static final List<QualitySplit> FEW_VALUED = java.util.Arrays.stream(QualitySplit.values())
            .filter(split -> !split.textual())
            .toList();

    /** A derived table of one row per few-valued split, column fixed: its ordinal. */
    private static final String FEW_VALUED_SPLITS = fewValuedSplits();

    private static String fewValuedSplits() {
        List<String> selects = new ArrayList<>();
        for (QualitySplit split : FEW_VALUED) {
            selects.add("SELECT " + split.ordinal() + (selects.isEmpty() ? " AS fixed" : ""));
        }
        return "(" + String.join(" UNION ALL ", selects) + ")";
    }

    /** Every pair code, ascending, comma-separated: so that a condition on the pair rows' day reads ranges of keys. */
    static final String PAIR_CODES = FEW_VALUED.stream()
            .flatMap(split -> split.codes().stream().map(value -> pairCode(split, value)))
            .sorted()
            .map(String::valueOf)
            .collect(Collectors.joining(", "));

    /**
     * {@link #pairCode} in SQL of the stream rows aliased {@code alias}, for the few-valued split whose ordinal the
     * column {@code fixedColumn} holds.
     */
    private static String pairCodeOfFewValuedSplit(String fixedColumn, String alias) {
        return "CASE " + fixedColumn
                + FEW_VALUED.stream()
                        .map(split -> " WHEN " + split.ordinal() + " THEN " + pairCodeSql(split, alias))
                        .collect(Collectors.joining())
                + " END";
    }

    /** {@link #pairCode} in SQL over the rows aliased {@code alias} (stream or day rows). */
    static String pairCodeSql(QualitySplit fixed, String alias) {
        return (FIRST_PAIR_CODE + 4 * fixed.ordinal()) + " + " + alias + "." + fixed.column();
    }

    /** A split code of the split-day rows in words: the split, or the subnet pair's fixed split and value. */
    static String describeSplitCode(int code) {
        if (code < FIRST_PAIR_CODE) {
            return QualitySplit.values()[code].name();
        }
        return "SUBNET with " + QualitySplit.values()[(code - FIRST_PAIR_CODE) / 4] + " = "
                + (code - FIRST_PAIR_CODE) % 4;
    }

    /**
     * The split-day rows of the day rows {@code where} selects (quality_day q): the same figures as {@link #splitDays}
     * of their streams, since a day row's key holds every split's value, from far fewer rows.
     */
    static String splitDaysOfDayRows(String where) {
        return splitDaySelects("quality_day q", where, sumsOfDayRows(), true);
    }

    /** Changeset 049: the subnet pair rows alone of the day rows {@code where} selects (quality_day q). */
    static String subnetPairDaysOfDayRows(String where) {
        return String.join("\nUNION ALL\n", subnetPairSelects("quality_day q", where, sumsOfDayRows()));
    }

    private static List<String> sumsOfDayRows() {
        return dayCounters().stream().map(c -> "SUM(q." + c + ") AS " + c).toList();
    }

    /**
     * One grouped SELECT of {@code counters} per split over the rows {@code where} selects from {@code source}, and
     * with {@code subnetPairs} one per few-valued split grouped by its value and the subnet.
     */
    private static String splitDaySelects(String source, String where, List<String> counters, boolean subnetPairs) {
        List<String> parts = new ArrayList<>();
        for (QualitySplit split : QualitySplit.values()) {
            // one character set and collation for codes and texts alike: UNION refuses to mix them
            parts.add("SELECT q.tenant_id, q.day, q.modality, " + split.ordinal() + " AS split, CAST(q."
                    + split.column() + " AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci AS value,\n    "
                    + String.join(",\n    ", counters) + "\nFROM "
                    + source + "\nWHERE " + where + "\nGROUP BY q.tenant_id, q.day, q.modality, q." + split.column());
        }
        if (subnetPairs) {
            parts.addAll(subnetPairSelects(source, where, counters));
        }
        return String.join("\nUNION ALL\n", parts);
    }

    /** Per few-valued split, its subnet pair rows ({@link #pairCode}): grouped by its value and the subnet. */
    private static List<String> subnetPairSelects(String source, String where, List<String> counters) {
        List<String> parts = new ArrayList<>();
        for (QualitySplit fixed : FEW_VALUED) {
            parts.add("SELECT q.tenant_id, q.day, q.modality, " + pairCodeSql(fixed, "q")
                    + " AS split, q.subnet AS value,\n    " + String.join(",\n    ", counters)
                    + "\nFROM " + source + "\nWHERE " + where + "\nGROUP BY q.tenant_id, q.day, q.modality, q."
                    + fixed.column() + ", q.subnet");
        }
        return parts;
    }

    /** Adds the rows a {@link #splitDays} query gives to the split-day table. */
    static String addSplitDays(String splitDaysQuery) {
        return addRows("quality_split_day", SPLIT_DAY_KEY, splitDaysQuery);
    }

    /**
     * Adds the rows a query gives (tenant_id, the key columns, the day counters) to a summing table: a row already
     * there gets each counter added.
     */
    private static String addRows(String table, List<String> keyColumns, String query) {
        List<String> counters = dayCounters();
        return "INSERT INTO " + table + " (tenant_id, " + String.join(", ", keyColumns) + ", "
                + String.join(", ", counters) + ")\nSELECT * FROM (\n" + query
                + "\n) d\nON DUPLICATE KEY UPDATE "
                + counters.stream()
                        .map(c -> c + " = " + table + "." + c + " + VALUES(" + c + ")")
                        .collect(Collectors.joining(", "));
    }

    /** The filter-day rows' key columns after tenant_id (changeset 047): the grain, then the day rows' key. */
    static final List<String> FILTER_DAY_KEY =
            List.of("grain", "day", "modality", "conference", "connection", "inside", "vpn", "subnet", "client");

    /**
     * The grains of the filter-day rows (changeset 047): the day rows summed over both many-valued splits (subnet and
     * client stored as ''), over the client only, or over the subnet only. Which a read takes depends on the columns
     * it groups by or filters on ({@link #grainFor}).
     */
    enum FilterGrain {
        WITHOUT_SUBNET_OR_CLIENT,
        WITH_SUBNET,
        WITH_CLIENT;

        /** The grain's code in the grain column. */
        int code() {
            return ordinal();
        }
    }

    /**
     * The grain of the filter-day rows that holds the columns a read names (grouped by or filtered on), or none when
     * it names both the subnet and the client: then only the day rows hold them.
     */
    static java.util.Optional<FilterGrain> grainFor(java.util.Collection<String> columns) {
        boolean subnet = columns.contains("subnet");
        boolean client = columns.contains("client");
        if (subnet && client) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                subnet
                        ? FilterGrain.WITH_SUBNET
                        : client ? FilterGrain.WITH_CLIENT : FilterGrain.WITHOUT_SUBNET_OR_CLIENT);
    }

    /**
     * The filter-day rows of the stream rows {@code source} gives: per grain, day, modality and the four few-valued
     * splits' values, with the grain's many-valued split (none, the subnet or the client), each counter multiplied by
     * {@code sign}; one grouped SELECT per grain.
     */
    static String filterDays(String source, String where, int sign) {
        return filterDaySelects(source, where, counterSums(sign < 0 ? "-" : ""));
    }

    /** The filter-day rows of the day rows {@code where} selects (quality_day q): the same figures from fewer rows. */
    static String filterDaysOfDayRows(String where) {
        return filterDaySelects("quality_day q", where, sumsOfDayRows());
    }

    private static String filterDaySelects(String source, String where, List<String> counters) {
        String key = "q.tenant_id, q.day, q.modality, q.conference, q.connection, q.inside, q.vpn";
        // the left-out split as '' in the columns' collation: UNION refuses to mix collations
        String none = "CAST('' AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci";
        List<String> parts = new ArrayList<>();
        for (FilterGrain grain : FilterGrain.values()) {
            String subnet = grain == FilterGrain.WITH_SUBNET ? "q.subnet" : none;
            String client = grain == FilterGrain.WITH_CLIENT ? "q.client" : none;
            String groupBy = key
                    + (grain == FilterGrain.WITH_SUBNET ? ", q.subnet" : "")
                    + (grain == FilterGrain.WITH_CLIENT ? ", q.client" : "");
            parts.add("SELECT q.tenant_id, " + grain.code()
                    + " AS grain, q.day, q.modality, q.conference, q.connection, q.inside, q.vpn, " + subnet
                    + " AS subnet, " + client + " AS client,\n    " + String.join(",\n    ", counters) + "\nFROM "
                    + source + "\nWHERE " + where + "\nGROUP BY " + groupBy);
        }
        return String.join("\nUNION ALL\n", parts);
    }

    /** Adds the rows a {@link #filterDays} query gives to the filter-day table. */
    static String addFilterDays(String filterDaysQuery) {
        return addRows("quality_filter_day", FILTER_DAY_KEY, filterDaysQuery);
    }

    private static List<String> counterSums(String times) {
        List<String> counters = new ArrayList<>();
        counters.add(times + "SUM(q.verdict = 1) AS good");
        counters.add(times + "SUM(q.verdict = 3) AS poor");
        counters.add(times + "SUM(q.verdict = 2) AS unclassified");
        for (int slot = 1; slot <= QualityMetric.SLOTS; slot++) {
            counters.add(times + "SUM((q.rules & " + (1 << (slot - 1)) + ") <> 0) AS r" + slot);
        }
        for (int slot = 1; slot <= QualityMetric.SLOTS; slot++) {
            for (int bucket = 0; bucket < QualityMetric.BUCKETS; bucket++) {
                counters.add(times + "SUM(IFNULL(q.m" + slot + " = " + bucket + ", 0)) AS " + histogram(slot, bucket));
            }
        }
        return counters;
    }
}
