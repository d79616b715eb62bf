package org.commsportal.sessiondetails;

import org.commsportal.sessions.SessionQualityRank;
import org.commsportal.sessions.SessionRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The rank session writers store with each session: its worst stream verdict by {@link StreamClassifier}. */
@Component
class StoredQualityRank implements SessionQualityRank {

    @Override
    public int of(SessionRecord session) {
        return rank(StreamClassifier.worst(session.quality(), session.mediaMask()));
    }

    /** A verdict's rank, 0 for none (no real-time media); {@link #verdict(int)} reads it back. */
    static int rank(@Nullable Verdict verdict) {
        return verdict == null ? 0 : verdict.rank();
    }

    static @Nullable Verdict verdict(int rank) {
        return rank == 0 ? null : Verdict.values()[rank - 1];
    }
}
