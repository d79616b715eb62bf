package org.commsportal.quality;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.commsportal.common.Chunks;
import org.commsportal.common.PeriodTotalsState;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The period totals of call quality (changeset 046) and the report date they end on (quality_period_state): each
 * licensed user's own-side streams by verdict per modality over each report period (quality_user_period_total, from
 * the stream rows {@code quality_stream} with set-based SQL that reads their day index {@code ix_quality_stream_day}
 * alone), and the split-day counters summed over each report period (quality_split_period_total, from
 * {@code quality_split_day}; docs/call-quality.md, "How the figures stay exact"). Every change adds; rows brought to
 * zero stay (they rank and show nothing).
 */
@Repository
class QualityPeriodTotalRepository implements PeriodTotalsState.Steps {

    /**
     * The periods of these totals (changeset 051): the report periods (report_period) and 365 days, the page's preset
     * "Last 12 months".
     */
    static final String PERIODS = "quality_period";

    private static final String TOTALS = "quality_user_period_total";

    private static final String SPLITS = "quality_split_period_total";

    /** The users' totals per pair code (changeset 049): the streams with one few-valued split value fixed. */
    private static final String PAIR_TOTALS = "quality_user_pair_period_total";

    /** The split totals' key after tenant_id. */
    private static final List<String> SPLIT_KEY = List.of("period_days", "split", "modality", "value");

    private final JdbcClient jdbc;
    private final PeriodTotalsState state;

    QualityPeriodTotalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.state = new PeriodTotalsState(jdbc, "quality_period_state", PERIODS);
    }

    /** The report date the totals end on, without locking; null when not built yet. */
    @Nullable
    LocalDate reportDate(long tenantId) {
        return state.reportDate(tenantId);
    }

    List<Integer> periodDays() {
        return state.periodDays();
    }

    /**
     * The users whose totals of a period (:period) reach the minimum sample (:minClassified Good + Poor streams) with a
     * Poor stream, of the modality (:modality, 0 every modality), of the streams with the pair code's value (:pair)
     * when {@code paired}, else of every stream: the only users a range within the period can rank, since each of
     * their sums over the range is at most their period's. A query giving user_id, read from the ranking's index.
     */
    static String usersReaching(boolean paired) {
        return """
                SELECT t.user_id FROM %s t
                WHERE t.tenant_id = :t AND t.period_days = :period %s AND t.modality = :modality
                  AND t.poor > 0 AND t.good + t.poor >= :minClassified
                """.formatted(paired ? PAIR_TOTALS : TOTALS, paired ? "AND t.pair = :pair" : "");
    }

    void forget(long tenantId) {
        state.forget(tenantId);
    }

    void setReportDate(long tenantId, LocalDate reportDate) {
        state.setReportDate(tenantId, reportDate);
    }

    boolean moveTo(long tenantId, LocalDate reportDate, LongConsumer lockExclusive) {
        return state.move(tenantId, reportDate, lockExclusive, this);
    }

    /**
     * Adds the grouped rows {@code rows} gives (tenant_id, period_days, modality, user_id, good, poor, unclassified),
     * in the one order every writer gives them in ({@link #rolledUpUserRows}), so concurrent writers lock the rows in
     * one order.
     */
    private void add(String table, String rows, Map<String, ?> parameters) {
        jdbc.sql("INSERT INTO " + table + " (tenant_id, period_days, " + (table.equals(PAIR_TOTALS) ? "pair, " : "")
                        + "modality, user_id, good, poor, unclassified)\n"
                        + "SELECT * FROM (" + rows + ") d\nON DUPLICATE KEY UPDATE good = " + table
                        + ".good + VALUES(good), poor = " + table + ".poor + VALUES(poor), unclassified = " + table
                        + ".unclassified + VALUES(unclassified)")
                .params(parameters)
                .update();
    }

    /**
     * Adds the users' rows of the stream rows {@code from} and {@code where} select (q, with a user), each counter
     * times {@code sign}, per period ({@code period}: a column of a joined table or a parameter), modality and user
     * to the users' totals, and per pair code to their pair totals.
     */
    private void addUsers(String period, String from, String where, String sign, Map<String, ?> parameters) {
        add(TOTALS, rolledUpUserRows(named(period), from, where, sign), parameters);
        add(PAIR_TOTALS, rolledUpPairRows(named(period), from, where, sign), parameters);
    }

    /**
     * The rows of {@link #withEveryModality}({@link #userRows}), each user's sums over its modalities as modality 0,
     * from one sorted grouping WITH ROLLUP: the user's rollup row is its every-modality row (the coarser rollup rows,
     * with no user, are left out). Grouping the users' rows a second time for modality 0 filled a temporary table on
     * disk: one period's pair totals of 4 days at 100,000 users took 268 s to build that way, 53 s so
     * (docs/call-quality.md, "How the figures stay exact"). The rows come in the order (tenant, period, [pair,] user,
     * modality, 0 last), the one order every writer of the totals locks them in.
     */
    private static String rolledUpUserRows(String period, String from, String where, String sign) {
        return rolledUp(period, "", "", from, where, sign);
    }

    /** {@link #rolledUpUserRows} per few-valued split value, with its pair code, as {@link #pairRows} gives them. */
    private static String rolledUpPairRows(String period, String from, String where, String sign) {
        return perFewValuedSplit(fixed -> rolledUp(
                period,
                QualitySql.pairCodeSql(fixed, "q") + " AS pair, ",
                "q." + fixed.column() + ", ",
                from,
                where,
                sign));
    }

    private static String rolledUp(
            String period, String pair, String pairGroup, String from, String where, String sign) {
        return "(SELECT q.tenant_id, " + period + ", " + pair + "COALESCE(q.modality, 0) AS modality, q.user_id, "
                + counts(sign) + " FROM " + from + " WHERE " + where + " GROUP BY q.tenant_id, " + periodGroup(period)
                + pairGroup + "q.user_id, q.modality WITH ROLLUP HAVING q.user_id IS NOT NULL)";
    }

    /** The period of {@link #userRows} as a column named days (a joined table's days column is named so already). */
    private static String named(String period) {
        return period.startsWith(":") ? period + " AS days" : period;
    }

    /**
     * The users' rows {@code rows} gives (tenant_id, days, [pair,] modality, user_id, good, poor, unclassified) and
     * each user's sums over its modalities as modality 0 (changeset 055), the rows the worst users of every modality
     * are ranked from.
     */
    private static String withEveryModality(String rows, boolean paired) {
        String key = "d.tenant_id, d.days, " + (paired ? "d.pair, " : "") + "IF(e.every, 0, d.modality)";
        return "SELECT " + key + " AS modality, d.user_id, SUM(d.good) AS good, SUM(d.poor) AS poor,"
                + " SUM(d.unclassified) AS unclassified\nFROM (" + rows + ") d\n"
                + "JOIN (SELECT FALSE AS every UNION ALL SELECT TRUE) e\nGROUP BY " + key + ", d.user_id";
    }

    /** The verdict counts of the stream rows q, each times {@code sign} ("" or "-"). */
    private static String counts(String sign) {
        return "%1$sSUM(q.verdict = 1) AS good, %1$sSUM(q.verdict = 3) AS poor, %1$sSUM(q.verdict = 2) AS unclassified"
                .formatted(sign);
    }

    /** The stream rows q joined to every report period p that holds their day, for totals ending on the report date. */
    private static final String IN_PERIODS = "quality_stream q JOIN " + PERIODS + " p"
            + " ON q.day > :reportDate - INTERVAL p.days DAY AND q.day <= :reportDate";

    /** The users' rows of the stream rows {@code from} and {@code where} select (see {@link #addUsers}). */
    static String userRows(String period, String from, String where, String sign) {
        return "SELECT q.tenant_id, " + period + ", q.modality, q.user_id, " + counts(sign) + " FROM " + from
                + " WHERE " + where + " GROUP BY q.tenant_id, " + periodGroup(period) + "q.modality, q.user_id";
    }

    /**
     * The same rows per few-valued split value, with the pair code of the value ({@link QualitySql#pairCode}) after
     * the period: a filter with one such value fixed ranks its users from them.
     */
    static String pairRows(String period, String from, String where, String sign) {
        return perFewValuedSplit(fixed -> "SELECT q.tenant_id, " + period + ", " + QualitySql.pairCodeSql(fixed, "q")
                + " AS pair, q.modality, q.user_id, " + counts(sign) + " FROM " + from + " WHERE " + where
                + " GROUP BY q.tenant_id, " + periodGroup(period) + "q." + fixed.column() + ", q.modality, q.user_id");
    }

    /** The statement {@code part} gives for each few-valued split (those with pair codes), one after another. */
    private static String perFewValuedSplit(java.util.function.Function<QualitySplit, String> part) {
        List<String> parts = new ArrayList<>();
        for (QualitySplit fixed : QualitySplit.values()) {
            if (!fixed.textual()) {
                parts.add(part.apply(fixed));
            }
        }
        return String.join("\nUNION ALL\n", parts);
    }

    /** The period among the GROUP BY columns, unless it is a parameter. */
    private static String periodGroup(String period) {
        return period.startsWith(":") ? "" : period + ", ";
    }

    /**
     * Counts ("") or stops counting ("-") the stored streams of these sessions in every period that holds their day,
     * for totals ending on the report date: before a write deletes a session's streams, and after it adds them.
     */
    void addSessions(long tenantId, LocalDate reportDate, Collection<Long> sessionIds, String sign) {
        for (List<Long> ids : Chunks.of(List.copyOf(sessionIds))) {
            addUsers(
                    "p.days",
                    IN_PERIODS,
                    "q.tenant_id = :t AND q.session_id IN (:ids) AND q.user_id IS NOT NULL",
                    sign,
                    Map.of("t", tenantId, "reportDate", reportDate, "ids", ids));
            addSplits(
                    splitPeriods(QualitySql.splitDays(
                            "quality_stream q",
                            "q.tenant_id = :t AND q.session_id IN (:ids)",
                            sign.isEmpty() ? 1 : -1)),
                    Map.of("t", tenantId, "reportDate", reportDate, "ids", ids));
        }
    }

    @Override
    public void rebuild(long tenantId, LocalDate reportDate) {
        for (String table : List.of(TOTALS, PAIR_TOTALS, SPLITS)) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :t")
                    .param("t", tenantId)
                    .update();
        }
        addUsers("p.days", IN_PERIODS, RECOUNTED, "", Map.of("t", tenantId, "reportDate", reportDate));
        addSplits(splitRecount(), Map.of("t", tenantId, "reportDate", reportDate));
    }

    /** Adds the rows {@code rows} gives (tenant_id, the split key, the day counters) to the split totals. */
    private void addSplits(String rows, Map<String, ?> parameters) {
        List<String> counters = QualitySql.dayCounters();
        jdbc.sql("INSERT INTO " + SPLITS + " (tenant_id, " + String.join(", ", SPLIT_KEY) + ", "
                        + String.join(", ", counters) + ")\nSELECT * FROM (" + rows + ") d\nON DUPLICATE KEY UPDATE "
                        + String.join(
                                ", ",
                                counters.stream()
                                        .map(c -> c + " = " + SPLITS + "." + c + " + VALUES(" + c + ")")
                                        .toList()))
                .params(parameters)
                .update();
    }

    /**
     * The split rows {@code splitDays} gives (tenant_id, day, modality, split, value, counters) summed into every
     * period that holds their day.
     */
    private static String splitPeriods(String splitDays) {
        return "SELECT d.tenant_id, p.days, d.split, d.modality, d.value, "
                + String.join(
                        ", ",
                        QualitySql.dayCounters().stream()
                                .map(c -> "SUM(d." + c + ") AS " + c)
                                .toList())
                + "\nFROM (" + splitDays + ") d\nJOIN " + PERIODS + " p ON d.day > :reportDate - INTERVAL p.days DAY"
                + " AND d.day <= :reportDate\nGROUP BY d.tenant_id, p.days, d.split, d.modality, d.value";
    }

    /** Every split total recounted from the split-day rows for the report date (the rows of {@link #rebuild}). */
    private static String splitRecount() {
        return splitPeriods("SELECT * FROM quality_split_day WHERE tenant_id = :t AND day > :reportDate - INTERVAL"
                + " (SELECT MAX(days) FROM " + PERIODS + ") DAY AND day <= :reportDate");
    }

    /** The split-day rows of the days (after, upTo] as the rows of one period, each counter times {@code sign}. */
    private void addSplitDays(long tenantId, int periodDays, LocalDate after, LocalDate upTo, String sign) {
        if (!upTo.isAfter(after)) {
            return;
        }
        addSplits(
                "SELECT q.tenant_id, :days, q.split, q.modality, q.value, "
                        + String.join(
                                ", ",
                                QualitySql.dayCounters().stream()
                                        .map(c -> sign + "SUM(q." + c + ") AS " + c)
                                        .toList())
                        + " FROM quality_split_day q WHERE q.tenant_id = :t AND q.day > :after AND q.day <= :upTo"
                        + " GROUP BY q.tenant_id, q.split, q.modality, q.value",
                Map.of("t", tenantId, "days", periodDays, "after", after, "upTo", upTo));
    }

    /**
     * Counts ("") or stops counting ("-") the stored stream and split-day rows of one UTC day in every period ending on
     * the report date that holds it: around a bulk import's rebuild of the day.
     */
    void addDay(long tenantId, LocalDate reportDate, LocalDate day, String sign) {
        for (int periodDays : periodDays()) {
            if (day.isAfter(reportDate.minusDays(periodDays)) && !day.isAfter(reportDate)) {
                addDays(tenantId, periodDays, day.minusDays(1), day, sign);
                addSplitDays(tenantId, periodDays, day.minusDays(1), day, sign);
            }
        }
    }

    /** The UTC days in (after, upTo] with stream rows of the tenant (read from the session-day rows, a few per day). */
    List<LocalDate> daysWithStreams(long tenantId, LocalDate after, LocalDate upTo) {
        return jdbc.sql("SELECT day FROM quality_session_day WHERE tenant_id = :t AND day > :after"
                        + " AND day <= :upTo AND modality = 0 AND criterion = " + QualitySql.ANY_VERDICT
                        + " AND streams > 0")
                .param("t", tenantId)
                .param("after", after)
                .param("upTo", upTo)
                .query(LocalDate.class)
                .list();
    }

    /** Every total recounted from the stream rows for the report date (the rows of {@link #rebuild}). */
    private static final String RECOUNTED =
            "q.tenant_id = :t AND q.user_id IS NOT NULL" + " AND q.day > :reportDate - INTERVAL (SELECT MAX(days) FROM "
                    + PERIODS + ") DAY AND q.day <= :reportDate";

    /**
     * The window of {@code periodDays} moves from ending on {@code from} to ending on {@code to}: the days it gains,
     * (max(from, to - periodDays), to], are added, and the days it loses, (from - periodDays, min(from, to -
     * periodDays)], subtracted.
     */
    @Override
    public void moveWindow(long tenantId, int periodDays, LocalDate from, LocalDate to) {
        LocalDate gainedAfter = later(from, to.minusDays(periodDays));
        LocalDate lostUpTo = earlier(from, to.minusDays(periodDays));
        addDays(tenantId, periodDays, gainedAfter, to, "");
        addDays(tenantId, periodDays, from.minusDays(periodDays), lostUpTo, "-");
        addSplitDays(tenantId, periodDays, gainedAfter, to, "");
        addSplitDays(tenantId, periodDays, from.minusDays(periodDays), lostUpTo, "-");
    }

    /** The totals keep no last days. */
    @Override
    public void moveLastDays(long tenantId, LocalDate from, LocalDate to) {}

    private void addDays(long tenantId, int periodDays, LocalDate after, LocalDate upTo, String sign) {
        if (!upTo.isAfter(after)) {
            return;
        }
        addUsers(
                ":days",
                "quality_stream q",
                "q.tenant_id = :t AND q.day > :after AND q.day <= :upTo AND q.user_id IS NOT NULL",
                sign,
                Map.of("t", tenantId, "days", periodDays, "after", after, "upTo", upTo));
    }

    /**
     * Users with at least {@code minClassified} Good + Poor streams in the edge's period (of the modality, or all; of
     * the streams with the fixed value of the pair code, or all with 0) and its day ranges added or taken away
     * (the users' day rows, pair code 0 only), worst Poor % first, as {@link QualityDayRepository#worstUsers}
     * ranks them from the stream rows. A period without day ranges reads its first rows in the order of the ranking's
     * index (changeset 055) instead of grouping every user's rows: the totals first (STRAIGHT_JOIN), as MariaDB
     * otherwise reads every user and sorts them.
     */
    List<QualityDayRepository.UserSum> worstUsers(
            long tenantId,
            QualityPeriodTotals.Edge edge,
            int pair,
            @Nullable Integer modality,
            long minClassified,
            int limit) {
        String table = pair == 0 ? TOTALS : PAIR_TOTALS;
        String pairCondition = pair == 0 ? "" : "AND t.pair = :pair";
        if (edge.days().isEmpty() || pair != 0) {
            return jdbc.sql("""
                            SELECT STRAIGHT_JOIN u.id, u.upn, u.pseudonym, t.good, t.poor, t.unclassified
                            FROM %s t JOIN licensed_user u ON u.id = t.user_id
                            WHERE t.tenant_id = :t AND t.period_days = :days %s AND t.modality = :modality
                              AND t.poor > 0 AND t.good + t.poor >= :minClassified
                            ORDER BY t.poor_share DESC, t.user_id
                            LIMIT :limit
                            """.formatted(table, pairCondition))
                    .param("t", tenantId)
                    .param("days", edge.periodDays())
                    .param("pair", pair)
                    .param("modality", modality == null ? 0 : modality)
                    .param("minClassified", minClassified)
                    .param("limit", limit)
                    .query(QualityDayRepository::userSum)
                    .list();
        }
        StringBuilder edgeRows = new StringBuilder();
        Map<String, Object> edgeParams = new java.util.HashMap<>();
        for (int i = 0; i < edge.days().size(); i++) {
            QualityPeriodTotals.DayRange days = edge.days().get(i);
            // the users' day rows (changeset 061), about a tenth of their streams
            edgeRows.append("""
                    UNION ALL
                    SELECT d.user_id, %1$sd.good, %1$sd.poor, %1$sd.unclassified
                    FROM quality_user_day d
                    WHERE d.tenant_id = :t AND d.modality = :modality AND d.day > :after%2$d AND d.day <= :upTo%2$d
                    """.formatted(days.sign(), i));
            edgeParams.put("after" + i, days.after());
            edgeParams.put("upTo" + i, days.upTo());
        }
        return jdbc.sql(QualityDayRepository.ranked("""
                        SELECT x.user_id, SUM(x.good) AS good, SUM(x.poor) AS poor, SUM(x.unclassified) AS unclassified
                        FROM (
                            SELECT t.user_id, t.good, t.poor, t.unclassified
                            FROM %s t
                            WHERE t.tenant_id = :t AND t.period_days = :days AND t.modality = :modality
                            %s
                        ) x
                        GROUP BY x.user_id
                        HAVING SUM(x.good + x.poor) >= :minClassified AND SUM(x.poor) > 0
                        """.formatted(TOTALS, edgeRows)))
                .param("t", tenantId)
                .param("days", edge.periodDays())
                .params(edgeParams)
                .param("modality", modality == null ? 0 : modality)
                .param("minClassified", minClassified)
                .param("limit", limit)
                .query(QualityDayRepository::userSum)
                .list();
    }

    /**
     * The split totals of the edge's period with its day ranges' split-day rows added or taken away, per split,
     * modality and value (the modality's only, or all), as {@link QualityDayRepository#sumSplit} sums the range's
     * split-day rows with the key (modality, value); values that sum to no stream are left out.
     */
    Map<QualitySplit, List<QualityDayRepository.Sum>> splitSums(
            long tenantId, QualityPeriodTotals.Edge edge, @Nullable Integer modality) {
        String counters = String.join(", ", QualitySql.dayCounters());
        Map<List<String>, QualityCounts> merged = new java.util.LinkedHashMap<>();
        String modalityCondition = modality == null ? "" : " AND modality = :modality";
        org.springframework.jdbc.core.RowMapper<QualityCounts> mergeInto = (rs, row) -> merged.merge(
                List.of(rs.getString("split"), rs.getString("modality"), rs.getString("value")),
                QualityDayRepository.counts(rs),
                QualityCounts::plus);
        jdbc.sql("SELECT split, modality, value, " + counters + " FROM " + SPLITS
                        + " WHERE tenant_id = :t AND period_days = :days AND split < :splits" + modalityCondition
                        + " AND (good <> 0 OR poor <> 0 OR unclassified <> 0)")
                .param("t", tenantId)
                .param("days", edge.periodDays())
                .param("splits", QualitySplit.values().length)
                .param("modality", modality == null ? 0 : modality)
                .query(mergeInto)
                .list();
        for (QualityPeriodTotals.DayRange days : edge.days()) {
            jdbc.sql("SELECT split, modality, value, "
                            + String.join(
                                    ", ",
                                    QualitySql.dayCounters().stream()
                                            .map(c -> days.sign() + "SUM(" + c + ") AS " + c)
                                            .toList())
                            // the splits listed: their days are ranges of the key (tenant_id, split, day, ...)
                            + " FROM quality_split_day WHERE tenant_id = :t AND split IN (:singleSplits)"
                            + " AND day > :after AND day <= :upTo" + modalityCondition
                            + " GROUP BY split, modality, value")
                    .param("t", tenantId)
                    .param("after", days.after())
                    .param("upTo", days.upTo())
                    .param(
                            "singleSplits",
                            java.util.Arrays.stream(QualitySplit.values())
                                    .map(Enum::ordinal)
                                    .toList())
                    .param("modality", modality == null ? 0 : modality)
                    .query(mergeInto)
                    .list();
        }
        Map<QualitySplit, List<QualityDayRepository.Sum>> sums = new java.util.EnumMap<>(QualitySplit.class);
        for (QualitySplit split : QualitySplit.values()) {
            sums.put(split, new ArrayList<>());
        }
        merged.forEach((key, counts) -> {
            if (counts.streams() != 0) {
                sums.get(QualitySplit.values()[Integer.parseInt(key.get(0))])
                        .add(new QualityDayRepository.Sum(List.of(key.get(1), key.get(2)), counts));
            }
        });
        return sums;
    }

    /**
     * The totals of one subnet pair code ({@link QualitySql#pairCode}) in the period, per modality and subnet
     * (the modality's only, or all).
     */
    List<QualityDayRepository.Sum> subnetPairSums(
            long tenantId, int periodDays, @Nullable Integer modality, int pairCode) {
        return jdbc.sql("SELECT modality, value, " + String.join(", ", QualitySql.dayCounters()) + " FROM " + SPLITS
                        + " WHERE tenant_id = :t AND period_days = :days AND split = :split"
                        + (modality == null ? "" : " AND modality = :modality")
                        + " AND (good <> 0 OR poor <> 0 OR unclassified <> 0)")
                .param("t", tenantId)
                .param("days", periodDays)
                .param("split", pairCode)
                .param("modality", modality == null ? 0 : modality)
                .query((rs, row) -> new QualityDayRepository.Sum(
                        List.of(rs.getString("modality"), rs.getString("value")), QualityDayRepository.counts(rs)))
                .list();
    }

    /** Totals that differ from a recount for the report date they end on, described, at most {@code limit}. */
    List<String> differences(long tenantId, int limit) {
        @Nullable LocalDate reportDate = reportDate(tenantId);
        if (reportDate == null) {
            return List.of();
        }
        String key = String.join(", ", SPLIT_KEY);
        String signature = "CONCAT_WS('|', " + String.join(", ", QualitySql.dayCounters()) + ")";
        List<String> found = new ArrayList<>(jdbc.sql("""
                        SELECT %1$s, GROUP_CONCAT(src, ': ', sig SEPARATOR ' / ') AS what
                        FROM (
                            SELECT 'stored' AS src, %1$s, %2$s AS sig FROM %3$s
                            WHERE tenant_id = :t AND (good <> 0 OR poor <> 0 OR unclassified <> 0)
                            UNION ALL
                            SELECT 'recounted', days, split, modality, value, %2$s FROM (%4$s) r
                        ) u
                        GROUP BY %1$s
                        HAVING COUNT(*) <> 2 OR MIN(sig) <> MAX(sig)
                        LIMIT :limit
                        """.formatted(key, signature, SPLITS, splitRecount()))
                .param("t", tenantId)
                .param("reportDate", reportDate)
                .param("limit", limit)
                .query((rs, row) -> SPLITS + " period " + rs.getInt("period_days") + " split "
                        + QualitySql.describeSplitCode(rs.getInt("split")) + " modality " + rs.getInt("modality")
                        + " value '"
                        + rs.getString("value") + "' (report date " + reportDate + "): " + rs.getString("what"))
                .list());
        if (found.size() >= limit) {
            return found;
        }
        found.addAll(userDifferences(
                tenantId,
                reportDate,
                TOTALS,
                withEveryModality(userRows("p.days", IN_PERIODS, RECOUNTED, ""), false),
                limit - found.size()));
        if (found.size() < limit) {
            found.addAll(userDifferences(
                    tenantId,
                    reportDate,
                    PAIR_TOTALS,
                    withEveryModality(pairRows("p.days", IN_PERIODS, RECOUNTED, ""), true),
                    limit - found.size()));
        }
        return found;
    }

    /** The rows of a users' totals table that differ from the recount {@code recount}, described, at most limit. */
    private List<String> userDifferences(long tenantId, LocalDate reportDate, String table, String recount, int limit) {
        boolean paired = table.equals(PAIR_TOTALS);
        Map<String, String> expected = new HashMap<>();
        jdbc.sql(recount)
                .param("t", tenantId)
                .param("reportDate", reportDate)
                .query((rs, row) -> expected.put(key(rs, "days", paired), figures(rs)))
                .list();
        List<String> found = new ArrayList<>();
        jdbc.sql("SELECT * FROM " + table + " WHERE tenant_id = :t AND (good <> 0 OR poor <> 0 OR unclassified <> 0)")
                .param("t", tenantId)
                .query((rs, row) -> {
                    String key = key(rs, "period_days", paired);
                    String want = expected.remove(key);
                    if (!figures(rs).equals(want) && found.size() < limit) {
                        found.add(table + " " + key + ": stored " + figures(rs) + ", expected " + want);
                    }
                    return row;
                })
                .list();
        expected.forEach((key, want) -> {
            if (found.size() < limit && !want.equals("0/0/0")) {
                found.add(table + " " + key + ": stored none, expected " + want + " (report date " + reportDate + ")");
            }
        });
        return found;
    }

    private static String key(java.sql.ResultSet rs, String periodColumn, boolean paired) throws java.sql.SQLException {
        return "period " + rs.getInt(periodColumn) + (paired ? " pair " + rs.getInt("pair") : "") + " modality "
                + rs.getInt("modality") + " user " + rs.getLong("user_id");
    }

    private static String figures(java.sql.ResultSet rs) throws java.sql.SQLException {
        return rs.getLong("good") + "/" + rs.getLong("poor") + "/" + rs.getLong("unclassified");
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
