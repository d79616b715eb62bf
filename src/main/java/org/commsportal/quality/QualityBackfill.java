package org.commsportal.quality;

/**
 * The statements of changeset 020 that build the read model from the sessions stored before it, for every tenant
 * (its kept days only): the same generated SQL the listener runs, which a unit test checks the changeset holds.
 */
final class QualityBackfill {

    static final String STREAMS = QualitySql.insertStreamsAsChangeset020("s.start_time >= COALESCE((SELECT k.kept_from"
            + " FROM user_period_state k WHERE k.tenant_id = s.tenant_id), '1000-01-01')");

    static final String DAYS = QualitySql.addDays(QualitySql.days("quality_stream q", "TRUE", 1));

    /** Changeset 021: the split-day rows of the stream rows stored before it. */
    static final String SPLIT_DAYS = QualitySql.addSplitDays(QualitySql.splitDays("quality_stream q", "TRUE", 1));

    /** Changeset 047: the filter-day rows of the day rows stored before it. */
    static final String FILTER_DAYS = QualitySql.addFilterDays(QualitySql.filterDaysOfDayRows("TRUE"));

    private QualityBackfill() {}
}
