package org.commsportal.quality;

import java.util.List;

/**
 * The statements of changeset 020 that build the read model from the sessions stored before it, for every tenant
 * (its kept days only): the same generated SQL the listener runs, which a unit test checks the changeset holds.
 */
final class QualityBackfill {

    static final String STREAMS = QualitySql.insertStreamsAsChangeset020("s.start_time >= COALESCE((SELECT k.kept_from"
            + " FROM user_period_state k WHERE k.tenant_id = s.tenant_id), '1000-01-01')");

    static final String DAYS = QualitySql.addDays(QualitySql.days("quality_stream q", "TRUE", 1));

    /** Changeset 021: the split-day rows of the stream rows stored before it. */
    static final String SPLIT_DAYS =
            QualitySql.addSplitDays(QualitySql.splitDaysAsChangeset021("quality_stream q", "TRUE", 1));

    /** Changeset 047: the filter-day rows of the day rows stored before it. */
    static final String FILTER_DAYS = QualitySql.addFilterDays(QualitySql.filterDaysOfDayRows("TRUE"));

    /** Changeset 049: the subnet pair rows of the split-day table, of the day rows stored before it. */
    static final String SUBNET_PAIR_DAYS = QualitySql.addSplitDays(QualitySql.subnetPairDaysOfDayRows("TRUE"));

    /**
     * Changeset 049: the period totals of those subnet pair rows, for every tenant whose totals end on a report date
     * (as {@link QualityPeriodTotalRepository} sums split-day rows into them).
     */
    static final String SUBNET_PAIR_PERIOD_TOTALS = "INSERT INTO quality_split_period_total (tenant_id, period_days,"
            + " split, modality, value, " + String.join(", ", QualitySql.dayCounters()) + ")\n"
            + splitPeriodSums("report_period", "", false, "WHERE d.split >= 8\n");

    /**
     * Changeset 049: the users' period totals per pair code (the streams with one few-valued split value fixed), for
     * every tenant whose totals end on a report date, recounted from the stream rows.
     */
    static final String USER_PAIR_PERIOD_TOTALS = "INSERT INTO quality_user_pair_period_total (tenant_id,"
            + " period_days, pair, modality, user_id, good, poor, unclassified)\n"
            + QualityPeriodTotalRepository.pairRows(
                    "p.days",
                    "quality_stream q JOIN quality_period_state st ON st.tenant_id = q.tenant_id"
                            + " JOIN report_period p ON q.day > st.report_date - INTERVAL p.days DAY"
                            + " AND q.day <= st.report_date",
                    "q.user_id IS NOT NULL",
                    "");

    /** Changeset 051: the stream rows q of every tenant whose totals end on a report date, in the 365-day period. */
    private static final String IN_YEAR = "quality_stream q JOIN quality_period_state st ON st.tenant_id = q.tenant_id"
            + " JOIN " + QualityPeriodTotalRepository.PERIODS + " p ON q.day > st.report_date - INTERVAL p.days DAY"
            + " AND q.day <= st.report_date AND p.days = 365";

    /** Changeset 051: the users' totals of the 365-day period, recounted from the stream rows. */
    static final String YEAR_USER_TOTALS = "INSERT INTO quality_user_period_total (tenant_id, period_days, modality,"
            + " user_id, good, poor, unclassified)\nSELECT * FROM (\n"
            + QualityPeriodTotalRepository.userRows("p.days", IN_YEAR, "q.user_id IS NOT NULL", "")
            + "\n) d"
            + replacing(List.of("good", "poor", "unclassified"));

    /** Changeset 051: the users' pair totals of the 365-day period, recounted from the stream rows. */
    static final String YEAR_USER_PAIR_TOTALS = "INSERT INTO quality_user_pair_period_total (tenant_id,"
            + " period_days, pair, modality, user_id, good, poor, unclassified)\nSELECT * FROM (\n"
            + QualityPeriodTotalRepository.pairRows("p.days", IN_YEAR, "q.user_id IS NOT NULL", "")
            + "\n) d"
            + replacing(List.of("good", "poor", "unclassified"));

    /** Changeset 051: the split totals of the 365-day period, summed from the split-day rows. */
    static final String YEAR_SPLIT_TOTALS = "INSERT INTO quality_split_period_total (tenant_id, period_days,"
            + " split, modality, value, " + String.join(", ", QualitySql.dayCounters()) + ")\nSELECT * FROM (\n"
            + splitPeriodSums(QualityPeriodTotalRepository.PERIODS, " AND p.days = 365", true, "")
            + "\n) y"
            + replacing(QualitySql.dayCounters());

    /** Changeset 052: the session-day rows of the stream rows stored before it. */
    static final String SESSION_DAYS =
            QualitySql.addSessionDays(QualitySql.sessionDaysAsChangeset052("quality_stream q", "TRUE", 1));

    /**
     * Changeset 057: the session-day rows of every stream and of the Good ones, of the stream rows stored before it
     * (replacing rows a copied newer database already has).
     */
    static final String EVERY_AND_GOOD_SESSION_DAYS =
            "INSERT INTO quality_session_day (tenant_id, day, modality, criterion, sessions, streams)\n"
                    + "SELECT * FROM (\n"
                    + QualitySql.sessionDaysAddedByChangeset057("quality_stream q", "TRUE", 1)
                    + "\n) d"
                    + replacing(List.of("sessions", "streams"));

    /** Changeset 059: the session-quarter rows of the stream rows stored before it (replacing a newer copy's). */
    static final String SESSION_QUARTERS = "INSERT INTO quality_session_quarter (tenant_id, day, modality, criterion,"
            + " quarter, sessions, streams)\nSELECT * FROM (\n"
            + QualitySql.sessionQuartersAsChangeset059("quality_stream q", "TRUE", 1)
            + "\n) d"
            + replacing(List.of("sessions", "streams"));

    /** Changeset 061: the user-day rows of the stream rows stored before it (replacing a newer copy's). */
    static final String USER_DAYS = QualitySql.insertUserDays(QualitySql.userDays("quality_stream q", "TRUE", 1))
            + replacing(QualitySql.USER_DAY_COUNTERS);

    /** Changeset 063: the user-pair-day rows of the stream rows stored before it (replacing a newer copy's). */
    static final String USER_PAIR_DAYS =
            QualitySql.insertUserPairDays(QualitySql.userPairDays("quality_stream q", "TRUE", 1))
                    + replacing(QualitySql.USER_DAY_COUNTERS);

    /**
     * The split-day rows d of every tenant whose totals end on a report date, summed per period p of the periods'
     * table (on the further condition) and split, modality and value; {@code named}: each sum named after its counter.
     */
    private static String splitPeriodSums(String periods, String periodCondition, boolean named, String where) {
        return "SELECT d.tenant_id, p.days, d.split, d.modality, d.value, "
                + String.join(
                        ", ",
                        QualitySql.dayCounters().stream()
                                .map(c -> "SUM(d." + c + ")" + (named ? " AS " + c : ""))
                                .toList())
                + "\nFROM quality_split_day d\nJOIN quality_period_state st ON st.tenant_id = d.tenant_id\n"
                + "JOIN " + periods + " p ON d.day > st.report_date - INTERVAL p.days DAY AND d.day <= st.report_date"
                + periodCondition + "\n" + where + "GROUP BY d.tenant_id, p.days, d.split, d.modality, d.value";
    }

    /**
     * The recount's figures replace a row's: rows the recount has none for were set to zero before it, as rows
     * brought to zero stay in these tables.
     */
    private static String replacing(List<String> counters) {
        return "\nON DUPLICATE KEY UPDATE "
                + String.join(
                        ", ",
                        counters.stream().map(c -> c + " = VALUES(" + c + ")").toList());
    }

    private QualityBackfill() {}
}
