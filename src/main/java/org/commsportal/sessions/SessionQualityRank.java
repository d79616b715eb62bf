package org.commsportal.sessions;

/**
 * The worst verdict among a session's media streams as the number stored with the session (comm_session
 * quality_rank), so that reports read, sort and group it as a plain column. The session details report owns the
 * verdict rules and supplies the implementation; ingest only stores the number, which keeps the dependency one-way.
 */
@FunctionalInterface
public interface SessionQualityRank {

    /** 0 for a session without audio, video or application sharing, else 1 (Good) to 3 (Poor). */
    int of(SessionRecord session);
}
