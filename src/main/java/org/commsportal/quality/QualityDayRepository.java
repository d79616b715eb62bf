package org.commsportal.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.commsportal.common.ClientVersions;
import org.commsportal.common.SubnetLocations;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read side of the call quality read model: the day rows summed over a filter, grouped by whitelisted key
 * columns, and the worst users from the stream rows. Reads the primary keys (tenant, [split or grain,] day, ...) by
 * day range.
 */
@Repository
class QualityDayRepository {

    /**
     * The answer of {@link #worstUsersOfDaysPruned}, with the Poor streams a candidate had to have on one of the days
     * (1 or less: the candidates were bounded by their share alone).
     */
    record PrunedRanking(List<UserSum> users, long poorOnOneDay) {}

    /** Summed counters grouped by the key columns, as their stored values in text. */
    record Sum(List<String> key, QualityCounts counts) {}

    /** A user's streams in the filter. */
    record UserSum(long userId, String upn, String pseudonym, long good, long poor, long unclassified) {}

    /**
     * The first {@code :limit} users of the per-user sums {@code userSums} gives (user_id, good, poor, unclassified),
     * worst Poor % first (Poor / (Good + Poor), as MariaDB divides integers to four decimals), then by user id, with
     * their names: the order every worst-users query ranks in, and the ranking indexes hold. The sums come first and
     * each finds its user by key: left to itself MariaDB read every licensed user of every tenant and looked each up
     * in the sums, about 30 ms more at 100,000 users (docs/call-quality.md, "How the figures stay exact").
     */
    static String ranked(String userSums) {
        return "SELECT STRAIGHT_JOIN u.id, u.upn, u.pseudonym, w.good, w.poor, w.unclassified\nFROM (\n" + userSums
                + "\n) w JOIN licensed_user u ON u.id = w.user_id\nORDER BY w.poor / (w.good + w.poor) DESC, u.id\n"
                + "LIMIT :limit";
    }

    /** A row of a worst-users query (id, upn, pseudonym and the three counts) as a {@link UserSum}. */
    static UserSum userSum(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new UserSum(
                rs.getLong("id"),
                rs.getString("upn"),
                rs.getString("pseudonym"),
                rs.getLong("good"),
                rs.getLong("poor"),
                rs.getLong("unclassified"));
    }

    private static final String SUMS =
            QualitySql.dayCounters().stream().map(c -> "SUM(" + c + ") AS " + c).collect(Collectors.joining(", "));

    private final JdbcClient jdbc;
    private final SubnetLocations locations;

    QualityDayRepository(JdbcClient jdbc, SubnetLocations locations) {
        this.jdbc = jdbc;
        this.locations = locations;
    }

    /**
     * The day rows of the filter summed per distinct value of the key columns (from {@link QualitySql#DAY_KEY}): from
     * the filter-day rows of the grain that holds every column named (changeset 047; a few rows a day without the
     * subnet and client, one per subnet or client with one of them), from the day rows only when both are named.
     */
    List<Sum> sum(long tenantId, QualityFilter filter, List<String> keyColumns) {
        for (String column : keyColumns) {
            if (!QualitySql.DAY_KEY.contains(column)) {
                throw new IllegalArgumentException("Not a key column: " + column);
            }
        }
        var named = new java.util.HashSet<>(keyColumns);
        filter.splits().keySet().forEach(split -> named.add(split.column()));
        if (filter.place().any()) {
            named.add("subnet"); // a place narrows the subnets by day
        }
        var grain = QualitySql.grainFor(named);
        String key = String.join(", ", keyColumns);
        var params = new java.util.HashMap<String, Object>();
        String from = grain.isPresent() ? "quality_filter_day" : "quality_day";
        String where = where(tenantId, filter, params);
        if (grain.isPresent()) {
            where += " AND grain = :grain";
            params.put("grain", grain.get().code());
        }
        String sql = "SELECT " + (key.isEmpty() ? "" : key + ", ") + SUMS + " FROM " + from + " WHERE " + where
                + (key.isEmpty() ? "" : " GROUP BY " + key);
        return jdbc
                .sql(sql)
                .params(params)
                .query((rs, row) -> {
                    List<String> values = new ArrayList<>();
                    for (String column : keyColumns) {
                        values.add(rs.getString(column));
                    }
                    return new Sum(values, counts(rs));
                })
                .list()
                .stream()
                .filter(sum -> sum.counts().streams() > 0)
                .toList();
    }

    /**
     * The split-day rows of one split (changeset 021) summed per distinct value of the key columns (day, modality,
     * value), for a filter without split values: reads the primary key (tenant_id, split, day, ...) by day range.
     */
    List<Sum> sumSplit(long tenantId, QualityFilter filter, QualitySplit split, List<String> keyColumns) {
        if (!filter.splits().isEmpty() || filter.place().any()) {
            throw new IllegalArgumentException("The split-day rows cannot filter by split values or places");
        }
        return sumSplitRows(tenantId, filter, split.ordinal(), keyColumns);
    }

    /**
     * The subnet pair rows (changeset 049) of the filter's one fixed few-valued split value summed per modality and
     * subnet: the subnet split of that filter, a few hundred rows a day.
     */
    List<Sum> sumSubnetPairs(long tenantId, QualityFilter filter) {
        var fixed = filter.oneFewValuedSplit();
        if (fixed == null) {
            throw new IllegalArgumentException("The subnet pair rows need one few-valued split fixed, no place");
        }
        return sumSplitRows(
                tenantId,
                filter.withSplit(fixed, null),
                QualitySql.pairCode(fixed, filter.splits().get(fixed)),
                List.of("modality", "value"));
    }

    private List<Sum> sumSplitRows(long tenantId, QualityFilter filter, int splitCode, List<String> keyColumns) {
        for (String column : keyColumns) {
            if (!List.of("day", "modality", "value").contains(column)) {
                throw new IllegalArgumentException("Not a key column: " + column);
            }
        }
        String key = String.join(", ", keyColumns);
        var params = new java.util.HashMap<String, Object>();
        params.put("split", splitCode);
        String sql = "SELECT " + key + ", " + SUMS + " FROM quality_split_day WHERE " + where(tenantId, filter, params)
                + " AND split = :split GROUP BY " + key;
        return jdbc
                .sql(sql)
                .params(params)
                .query((rs, row) -> {
                    List<String> values = new ArrayList<>();
                    for (String column : keyColumns) {
                        values.add(rs.getString(column));
                    }
                    return new Sum(values, counts(rs));
                })
                .list()
                .stream()
                .filter(sum -> sum.counts().streams() > 0)
                .toList();
    }

    /**
     * Users with at least {@code minClassified} Good + Poor streams of their own side in the filter, worst Poor %
     * first, at most {@code limit}; conference To sides (the conference server's) belong to nobody.
     */
    List<UserSum> worstUsers(long tenantId, QualityFilter filter, long minClassified, int limit) {
        var params = new java.util.HashMap<String, Object>();
        String where = where(tenantId, filter, params);
        params.put("minClassified", minClassified);
        params.put("limit", limit);
        return jdbc.sql(ranked("""
                        SELECT q.user_id, SUM(q.verdict = 1) AS good, SUM(q.verdict = 3) AS poor,
                               SUM(q.verdict = 2) AS unclassified
                        FROM quality_stream q
                        WHERE %s AND q.user_id IS NOT NULL
                        GROUP BY q.user_id
                        HAVING SUM(q.verdict IN (1, 3)) >= :minClassified AND SUM(q.verdict = 3) > 0
                        """.formatted(where)))
                .params(params)
                .query(QualityDayRepository::userSum)
                .list();
    }

    /**
     * The users' day rows a filter's worst users are summed from: every stream's (changeset 061) when no split or place
     * narrows it, one few-valued split value's (changeset 063, keyed by its {@link QualitySql#pairCode}) when it fixes
     * only that; else none (null).
     */
    private record UserRows(String table, @Nullable Integer pair) {

        @Nullable
        static UserRows of(QualityFilter filter) {
            @Nullable QualitySplit fixed = filter.oneFewValuedSplit();
            if (fixed != null) {
                return new UserRows(
                        "quality_user_pair_day",
                        QualitySql.pairCode(fixed, filter.splits().get(fixed)));
            }
            return filter.splits().isEmpty() && !filter.place().any() ? new UserRows("quality_user_day", null) : null;
        }

        /** The condition on the rows aliased {@code alias} of the tenant (:t), the pair (:pair) and the modality. */
        String key(String alias) {
            return alias + ".tenant_id = :t" + (pair == null ? "" : " AND " + alias + ".pair = :pair") + " AND " + alias
                    + ".modality = :modality";
        }

        void putParameters(java.util.Map<String, Object> params) {
            if (pair != null) {
                params.put("pair", pair);
            }
        }
    }

    /**
     * {@link #worstUsers} from the users' day rows ({@link UserRows}) when no split or place narrows the filter or it
     * fixes only one few-valued split value, else null: a single day reads the first rows of the ranking's index
     * (highest Poor share first, then user id, as the grouped rows are ordered) from the range of rows with a share, and
     * only the index (it holds every column read; a share rounded to 0 still ranks, last, as in the grouped rows); a
     * longer range sums the rows of the users who can rank (with a value fixed, {@link #worstUsersBoundedBySample}
     * first; then {@link #worstUsersOfDaysPruned}), else one row per user and day of every user.
     */
    @Nullable
    List<UserSum> worstUsersOfUserDays(long tenantId, QualityFilter filter, long minClassified, int limit) {
        return worstUsersOfUserDays(tenantId, filter, minClassified, limit, null);
    }

    /**
     * {@link #worstUsersOfUserDays}, where the users' totals of the report period {@code coveringPeriod} (null: none)
     * hold every day of the range: when the pruned ranking does not answer, the users those totals let qualify are
     * ranked from their rows ({@link #worstUsersWithinPeriod}) before every user's rows are grouped.
     */
    @Nullable
    List<UserSum> worstUsersOfUserDays(
            long tenantId, QualityFilter filter, long minClassified, int limit, @Nullable Integer coveringPeriod) {
        @Nullable UserRows rows = UserRows.of(filter);
        if (rows == null) {
            return null;
        }
        boolean oneDay = filter.from().equals(filter.to());
        if (!oneDay) {
            @Nullable List<UserSum> bounded = worstUsersBoundedBySample(tenantId, filter, minClassified, limit);
            if (bounded != null) {
                return bounded;
            }
            int days = (int) (filter.to().toEpochDay() - filter.from().toEpochDay() + 1);
            PrunedRanking pruned =
                    worstUsersOfDaysPruned(tenantId, filter, minClassified, limit, Math.max(limit, SEED_USERS / days));
            if (pruned != null) {
                return pruned.users();
            }
            @Nullable
            List<UserSum> within = coveringPeriod == null
                    ? null
                    : worstUsersWithinPeriod(tenantId, filter, minClassified, limit, coveringPeriod);
            if (within != null) {
                return within;
            }
        }
        String sql = oneDay
                ? """
                SELECT STRAIGHT_JOIN u.id, u.upn, u.pseudonym, d.good, d.poor, d.unclassified
                FROM %s d JOIN licensed_user u ON u.id = d.user_id
                WHERE %s AND d.day = :from
                  AND d.poor_share >= 0 AND d.poor > 0 AND d.good + d.poor >= :minClassified
                ORDER BY d.poor_share DESC, d.user_id
                LIMIT :limit
                """.formatted(rows.table(), rows.key("d"))
                : ranked("""
                SELECT d.user_id, SUM(d.good) AS good, SUM(d.poor) AS poor, SUM(d.unclassified) AS unclassified
                FROM %s d
                WHERE %s AND d.day BETWEEN :from AND :to
                GROUP BY d.user_id
                HAVING SUM(d.good + d.poor) >= :minClassified AND SUM(d.poor) > 0
                """.formatted(rows.table(), rows.key("d")));
        var params = new java.util.HashMap<String, Object>();
        params.put("t", tenantId);
        params.put("modality", modalityId(filter));
        params.put("from", filter.from());
        params.put("to", filter.to());
        params.put("minClassified", minClassified);
        params.put("limit", limit);
        rows.putParameters(params);
        return jdbc.sql(sql).params(params).query(QualityDayRepository::userSum).list();
    }

    /** Ranges longer than this many days group every user's rows: each day adds a probe of every candidate. */
    static final int MOST_PRUNED_DAYS = 31;

    /** About how many users the seeds are: each day's first rows, at least the list's length a day. */
    static final int SEED_USERS = 100;

    /** The candidates' day rows read one by one at most, when only their share bounds them. */
    static final int MOST_CANDIDATE_PROBES = 60_000;

    /**
     * The worst users of two or more days from the day rows of only the users who can rank, or null when that would
     * not save work. Once {@code limit} users are known to reach Poor share s over the range, a user ranks among the
     * first {@code limit} only if their share over the range is s or more, so (1) they have a day with share s or
     * more (a ratio of sums is never above the largest of its ratios; rounding to four decimals keeps the order,
     * one ten-thousandth is given for the rounding), and (2) their Poor streams over the range are at least s times
     * {@code minClassified}, so on one of the d days at least a d-th of that. The candidates are the users with a day
     * row meeting each, both read as index ranges (the Poor count's index, changeset 062, and the ranking's; when (2)
     * asks one Poor stream, (1) implies it and the share's range alone is read), each day's rows of theirs looked up
     * by key and summed. The known users (seeds) are each day's first {@code seedsPerDay} rows of the
     * ranking index that could qualify (a user with {@code minClassified} Good + Poor streams over d days has a d-th
     * of them on one day), their sums over the range ranked as the page ranks. Exact whenever it answers, if its reads
     * share one snapshot (the caller's read transaction); null when the seeds do not fill the list or reach no share
     * above 0, or when only the share bounds the candidates and their rows are too many to probe.
     */
    @Nullable
    PrunedRanking worstUsersOfDaysPruned(
            long tenantId, QualityFilter filter, long minClassified, int limit, int seedsPerDay) {
        @Nullable RangeRanking ranking = RangeRanking.of(tenantId, filter, minClassified, limit);
        if (ranking == null) {
            return null;
        }
        List<java.time.LocalDate> days = ranking.days();
        UserRows rows = ranking.rows();
        var params = ranking.params();
        params.put("days", days);
        StringBuilder seeds = new StringBuilder();
        String dayTable = dayTable(days, params);
        for (int i = 0; i < days.size(); i++) {
            seeds.append(i == 0 ? "" : "UNION\n").append("""
                    (SELECT s.user_id FROM %2$s s
                     WHERE %3$s AND s.day = :day%1$d
                       AND s.poor_share > 0 AND s.good + s.poor >= :perDay
                     ORDER BY s.poor_share DESC, s.user_id LIMIT :seeds)
                    """.formatted(i, rows.table(), rows.key("s")));
        }
        params.put("perDay", ceilDiv(minClassified, days.size()));
        params.put("seeds", seedsPerDay);
        List<UserSum> known = jdbc.sql(ranked(sumsOf(rows, seeds.toString(), dayTable)))
                .params(params)
                .query(QualityDayRepository::userSum)
                .list();
        if (known.size() < limit) {
            return null;
        }
        UserSum last = known.get(known.size() - 1);
        var tenThousandth = new java.math.BigDecimal("0.0001");
        var share = java.math.BigDecimal.valueOf(last.poor())
                .divide(java.math.BigDecimal.valueOf(last.good() + last.poor()), 4, java.math.RoundingMode.FLOOR)
                .subtract(tenThousandth);
        if (share.signum() <= 0) {
            return null;
        }
        long leastPoor = share.multiply(java.math.BigDecimal.valueOf(minClassified))
                .setScale(0, java.math.RoundingMode.CEILING)
                .longValueExact();
        long poorOnOneDay = ceilDiv(leastPoor, days.size());
        params.put("share", share);
        params.put("poorOnOneDay", poorOnOneDay);
        String candidates;
        if (poorOnOneDay <= 1) {
            // every row with a share has a Poor stream: the share alone bounds the candidates, a range of the
            // ranking's index, too many to probe when the share is low
            params.put("most", MOST_CANDIDATE_PROBES / days.size() + 1);
            long shareRows = jdbc.sql("""
                            SELECT COUNT(*) FROM (
                                SELECT 1 FROM %s c
                                WHERE %s AND c.day IN (:days)
                                  AND c.poor_share >= :share
                                LIMIT :most
                            ) x
                            """.formatted(rows.table(), rows.key("c")))
                    .params(params)
                    .query(Long.class)
                    .single();
            if (shareRows * days.size() > MOST_CANDIDATE_PROBES) {
                return null;
            }
            candidates = """
                    SELECT DISTINCT c.user_id FROM %s c
                    WHERE %s AND c.day IN (:days)
                      AND c.poor_share >= :share
                    """.formatted(rows.table(), rows.key("c"));
        } else {
            // the users with enough Poor streams on a day (a range of the Poor count's index, changesets 062 and 063)
            // that also have a day with the share (a range of the ranking's index)
            candidates = """
                    SELECT DISTINCT c.user_id FROM %1$s c
                    WHERE %2$s AND c.day IN (:days)
                      AND c.poor >= :poorOnOneDay
                      AND c.user_id IN (
                          SELECT s.user_id FROM %1$s s
                          WHERE %3$s AND s.day IN (:days)
                            AND s.poor_share >= :share)
                    """.formatted(rows.table(), rows.key("c"), rows.key("s"));
        }
        return new PrunedRanking(
                jdbc.sql(ranked(sumsOf(rows, candidates, dayTable)))
                        .params(params)
                        .query(QualityDayRepository::userSum)
                        .list(),
                poorOnOneDay);
    }

    /** The classified streams' index entries a ranking bounded by the sample reads at most. */
    static final int MOST_SAMPLE_ENTRIES = 30_000;

    /**
     * The worst users of two to {@link #MOST_PRUNED_DAYS} days with one few-valued split value fixed, from the day rows
     * of only the users who can reach the minimum sample, or null when the rows keep no index of their classified
     * streams (no split fixed), or finding those users or looking them up would not save work. The classified
     * (Good + Poor) streams' index (changeset 064) gives, for a threshold k, each user's days with k or more: a user's
     * sum over the d days is at most those days' counts plus k - 1 for each other day, and only users whose bound reaches
     * {@code minClassified} can qualify (with no day of k or more, (k - 1) d is below it when k is at most the sample's
     * d-th). A lower k bounds tighter but reads more entries: k is the sample's (d + 1)-th, else its d-th when that reads
     * more than {@link #MOST_SAMPLE_ENTRIES}; null when even the d-th does (a value most users' streams have: reading
     * the entries would cost what the seeds save). At 100,000 users with Wi-Fi over 3 days (a minimum sample of 30), 20,000
     * entries of 8 or more leave one candidate, where the 7-day totals let 14,000 users qualify and the seeds never fill
     * the list. The candidates' rows of each day are then looked up by key and summed, when they are at most
     * {@link #MOST_CANDIDATE_PROBES} probes. Exact if its reads share one snapshot (the caller's read transaction).
     */
    @Nullable
    List<UserSum> worstUsersBoundedBySample(long tenantId, QualityFilter filter, long minClassified, int limit) {
        return worstUsersBoundedBySample(tenantId, filter, minClassified, limit, MOST_SAMPLE_ENTRIES);
    }

    /** {@link #worstUsersBoundedBySample} reading at most {@code mostEntries} of the index's entries. */
    @Nullable
    List<UserSum> worstUsersBoundedBySample(
            long tenantId, QualityFilter filter, long minClassified, int limit, int mostEntries) {
        @Nullable RangeRanking ranking = RangeRanking.of(tenantId, filter, minClassified, limit);
        if (ranking == null || ranking.rows().pair() == null) {
            return null;
        }
        List<java.time.LocalDate> days = ranking.days();
        UserRows rows = ranking.rows();
        var params = ranking.params();
        params.put("days", days);
        params.put("d", days.size());
        params.put("mostEntries", mostEntries + 1);
        String entries = """
                SELECT COUNT(*) FROM (
                    SELECT 1 FROM %s c
                    WHERE %s AND c.day IN (:days) AND c.classified >= :k
                    LIMIT :mostEntries
                ) x
                """.formatted(rows.table(), rows.key("c"));
        // at least 1: a day without a row counts k - 1, which must not be negative
        long dth = Math.max(1, ceilDiv(minClassified, days.size()));
        long tight = Math.max(1, ceilDiv(minClassified, days.size() + 1));
        java.util.function.LongPredicate fewEntries = k -> {
            params.put("k", k);
            return jdbc.sql(entries).params(params).query(Long.class).single() <= mostEntries;
        };
        // the d-th reads the fewest entries: when they are too many (a value most users' streams have), so are the
        // tighter bound's, and the ranking is left to the seeds
        if (!fewEntries.test(dth)) {
            return null;
        }
        params.put("k", tight < dth && fewEntries.test(tight) ? tight : dth);
        String candidates = """
                SELECT c.user_id FROM %s c
                WHERE %s AND c.day IN (:days) AND c.classified >= :k
                GROUP BY c.user_id
                HAVING SUM(c.classified) + (:k - 1) * (:d - COUNT(*)) >= :minClassified
                """.formatted(rows.table(), rows.key("c"));
        return rankedIfFew(candidates, days, rows, params);
    }

    /**
     * The worst users of two to {@link #MOST_PRUNED_DAYS} days within a report period whose users' totals
     * ({@code periodDays}, ending on the date they end on) hold the range, or null when that would not save work: only
     * the users whose totals of the period reach the minimum sample with a Poor stream can qualify over the range (its
     * sums are at most the period's), so only their day rows are looked up by key and summed. It answers where the
     * pruned ranking cannot: a split value few users have enough streams of (Wi-Fi over 3 days at 100,000 users: one
     * user qualifies, so no seeds fill the list, and grouping every user's rows read 190,000 of them). Null when those
     * users' rows are more than {@link #MOST_CANDIDATE_PROBES} probes. Exact if its reads share one snapshot (the
     * caller's read transaction), in which the totals count the same streams as the day rows.
     */
    @Nullable
    List<UserSum> worstUsersWithinPeriod(
            long tenantId, QualityFilter filter, long minClassified, int limit, int periodDays) {
        @Nullable RangeRanking ranking = RangeRanking.of(tenantId, filter, minClassified, limit);
        if (ranking == null) {
            return null;
        }
        List<java.time.LocalDate> days = ranking.days();
        UserRows rows = ranking.rows();
        var params = ranking.params();
        params.put("period", periodDays);
        return rankedIfFew(QualityPeriodTotalRepository.usersReaching(rows.pair() != null), days, rows, params);
    }

    /**
     * The range's worst users among those {@code candidates} selects, their rows of each day looked up by key and
     * summed, or null when that would be more than {@link #MOST_CANDIDATE_PROBES} probes (counting no more of them
     * than that takes).
     */
    @Nullable
    private List<UserSum> rankedIfFew(
            String candidates, List<java.time.LocalDate> days, UserRows rows, java.util.Map<String, Object> params) {
        params.put("most", MOST_CANDIDATE_PROBES / days.size() + 1);
        long users = jdbc.sql("SELECT COUNT(*) FROM (\n" + candidates + "LIMIT :most\n) x")
                .params(params)
                .query(Long.class)
                .single();
        if (users * days.size() > MOST_CANDIDATE_PROBES) {
            return null;
        }
        return jdbc.sql(ranked(sumsOf(rows, candidates, dayTable(days, params))))
                .params(params)
                .query(QualityDayRepository::userSum)
                .list();
    }

    /**
     * A ranking of two to {@link #MOST_PRUNED_DAYS} days from the users' day rows: the days, the rows, and the
     * parameters every such statement names (:t, :modality, :minClassified, :limit and the rows' :pair); null for
     * another range or a filter the rows do not answer.
     */
    private record RangeRanking(List<java.time.LocalDate> days, UserRows rows, java.util.Map<String, Object> params) {

        @Nullable
        static RangeRanking of(long tenantId, QualityFilter filter, long minClassified, int limit) {
            List<java.time.LocalDate> days =
                    filter.from().datesUntil(filter.to().plusDays(1)).toList();
            @Nullable UserRows rows = UserRows.of(filter);
            if (rows == null || days.size() < 2 || days.size() > MOST_PRUNED_DAYS) {
                return null;
            }
            var params = new java.util.HashMap<String, Object>();
            rows.putParameters(params);
            params.put("t", tenantId);
            params.put("modality", modalityId(filter));
            params.put("minClassified", minClassified);
            params.put("limit", limit);
            return new RangeRanking(days, rows, params);
        }
    }

    /** A derived table of the days, column day, each a parameter (:day0, :day1, ...) put into {@code params}. */
    private static String dayTable(List<java.time.LocalDate> days, java.util.Map<String, Object> params) {
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
            table.append(i == 0 ? "" : " UNION ALL ").append("SELECT CAST(:day%d AS DATE) AS day".formatted(i));
            params.put("day" + i, days.get(i));
        }
        return table.toString();
    }

    private static long ceilDiv(long dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    /** The range's sums of the users {@code users} selects, each of their day rows read by its primary key. */
    private static String sumsOf(UserRows rows, String users, String dayTable) {
        return """
                SELECT STRAIGHT_JOIN d.user_id, SUM(d.good) AS good, SUM(d.poor) AS poor,
                       SUM(d.unclassified) AS unclassified
                FROM (
                %s) k
                JOIN (%s) r
                JOIN %s d
                  ON %s AND d.day = r.day AND d.user_id = k.user_id
                GROUP BY d.user_id
                HAVING SUM(d.good + d.poor) >= :minClassified AND SUM(d.poor) > 0
                """.formatted(users, dayTable, rows.table(), rows.key("d"));
    }

    private static int modalityId(QualityFilter filter) {
        return filter.modality() == null ? 0 : filter.modality().id();
    }

    /**
     * The stream rows whose session started in [from, to), summed per modality and value of the split (none: ''),
     * for threshold alerts and gauges (docs/alerts-and-webhooks.md). Reads ix_quality_stream_day over the UTC days
     * the range touches (two at most for the last 24 hours), so the work is bounded by a day's streams.
     */
    List<QualityWindowCounts> window(
            long tenantId,
            java.time.Instant from,
            java.time.Instant to,
            @org.jspecify.annotations.Nullable QualitySplit split) {
        // a client version is a group of the stored user agents, as the page shows it (docs/call-quality.md)
        String value = split == null
                ? "''"
                : split == QualitySplit.CLIENT ? ClientVersions.sql(split.column()) : split.column();
        return jdbc.sql("""
                        SELECT modality, %s AS split_value, SUM(verdict = 1) AS good, SUM(verdict = 3) AS poor,
                               SUM(verdict = 2) AS unclassified
                        FROM quality_stream
                        WHERE tenant_id = :tenantId AND day BETWEEN :firstDay AND :lastDay
                          AND session_start >= :from AND session_start < :to
                        GROUP BY modality, split_value
                        """.formatted(value))
                .param("tenantId", tenantId)
                .param("firstDay", from.atZone(java.time.ZoneOffset.UTC).toLocalDate())
                .param("lastDay", to.atZone(java.time.ZoneOffset.UTC).toLocalDate())
                .param("from", org.commsportal.common.UtcDateTime.toColumn(from))
                .param("to", org.commsportal.common.UtcDateTime.toColumn(to))
                .query((rs, row) -> new QualityWindowCounts(
                        org.commsportal.sessions.Modality.ofId(rs.getInt("modality")),
                        rs.getString("split_value"),
                        rs.getLong("good"),
                        rs.getLong("poor"),
                        rs.getLong("unclassified")))
                .list();
    }

    private String where(long tenantId, QualityFilter filter, Map<String, Object> params) {
        params.put("tenantId", tenantId);
        params.put("from", filter.from());
        params.put("to", filter.to());
        StringBuilder where = new StringBuilder("tenant_id = :tenantId AND day BETWEEN :from AND :to");
        if (filter.modality() != null) {
            where.append(" AND modality = :modality");
            params.put("modality", filter.modality().id());
        }
        filter.splits().forEach((split, value) -> {
            // a client version is a group of the stored user agents (docs/call-quality.md, "Client versions")
            where.append(" AND ")
                    .append(split == QualitySplit.CLIENT ? ClientVersions.sql(split.column()) : split.column())
                    .append(" = :split_")
                    .append(split.column());
            params.put("split_" + split.column(), split.textual() ? value : Integer.parseInt(value));
        });
        if (filter.place().any()) {
            // the day rows and stream rows both carry the UTC day and the subnet (docs/locations.md)
            where.append(" AND ")
                    .append(locations.condition(
                            tenantId, filter.place(), filter.from(), filter.to(), "day", "subnet", params));
        }
        return where.toString();
    }

    static QualityCounts counts(ResultSet rs) throws SQLException {
        long[] rules = new long[QualityMetric.SLOTS];
        long[][] histograms = new long[QualityMetric.SLOTS][QualityMetric.BUCKETS];
        for (int slot = 1; slot <= QualityMetric.SLOTS; slot++) {
            rules[slot - 1] = rs.getLong("r" + slot);
            for (int bucket = 0; bucket < QualityMetric.BUCKETS; bucket++) {
                histograms[slot - 1][bucket] = rs.getLong(QualitySql.histogram(slot, bucket));
            }
        }
        return new QualityCounts(rs.getLong("good"), rs.getLong("poor"), rs.getLong("unclassified"), rules, histograms);
    }
}
