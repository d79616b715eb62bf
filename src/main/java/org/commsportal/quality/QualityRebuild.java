package org.commsportal.quality;

import java.time.LocalDate;
import org.springframework.stereotype.Service;

/**
 * Rebuilds a tenant's call quality read model from its kept raw sessions: for sessions stored without the write path
 * (the benchmarks' set-based load). The write path never needs it.
 */
@Service
public class QualityRebuild {

    private final QualityStreams streams;

    QualityRebuild(QualityStreams streams) {
        this.streams = streams;
    }

    /**
     * Builds the tenant's rows of the sessions of [first, last] (UTC days) again, as a bulk import's finish does: one
     * day per locked step with its temporary tables in memory, each day's rows taken out of the period totals and
     * forgotten, then built and added back; or, when the days are a third or more of the totals' days with streams,
     * the totals set aside and recounted once after the days ({@link QualityPeriodTotals#setAsideForRebuild}). The
     * rows of other days stay. (A recount with MariaDB's 16 MB temporary tables, as this ran once, took over 9 minutes
     * at 100,000 users x 30 days: its GROUP BYs spilled to disk.)
     */
    public void rebuild(long tenantId, LocalDate first, LocalDate last) {
        streams.rebuildDays(tenantId, first, last);
    }
}
