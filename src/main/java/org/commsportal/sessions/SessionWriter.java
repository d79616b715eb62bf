package org.commsportal.sessions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.commsportal.directory.LicensedUsersWriting;
import org.commsportal.directory.LicensedUsersWritten;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.DataVersion;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes sessions for the signed-in tenant, all or nothing. A session whose dialog id is already stored
 * replaces it, and the rollups change by exactly the difference: the old session's contribution is subtracted,
 * the new one's added, in the same transaction. Every report's read model ({@link SessionChangeListener}) changes
 * by the same differences in the same transaction, in the listeners' order (docs/architecture.md).
 */
@Service
public class SessionWriter {

    private final SessionRepository sessions;
    private final TenantWriteLock writeLock;
    private final List<SessionChangeListener> readModels;
    private final CurrentTenant currentTenant;
    private final DataVersion dataVersion;
    private final IngestMetrics ingestMetrics;
    private final SessionQualityRank qualityRank;

    SessionWriter(
            SessionRepository sessions,
            TenantWriteLock writeLock,
            List<SessionChangeListener> readModels,
            CurrentTenant currentTenant,
            DataVersion dataVersion,
            IngestMetrics ingestMetrics,
            SessionQualityRank qualityRank) {
        this.sessions = sessions;
        this.writeLock = writeLock;
        this.readModels = readModels; // in their @Order
        this.currentTenant = currentTenant;
        this.dataVersion = dataVersion;
        this.ingestMetrics = ingestMetrics;
        this.qualityRank = qualityRank;
    }

    /**
     * Writes the batch; returns how many stored sessions it replaced. Read committed: the recounts of distinct
     * users and last activity dates run after this write has locked the rows that concurrent writes of the same
     * days and users also lock, so they must read what those writes committed, not a snapshot from before.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public int write(List<SessionRecord> records) {
        if (records.isEmpty()) {
            return 0;
        }
        // in dialog id order, like the rollup rows below: concurrent writers then take their locks in one order
        List<SessionRecord> batch = records.stream()
                .sorted(java.util.Comparator.comparing(SessionRecord::dialogId))
                .toList();
        int replaced = change(batch, batch.stream().map(SessionRecord::dialogId).toList());
        ingestMetrics.written(batch.size());
        return replaced;
    }

    /**
     * Writes the batch and removes the stored sessions of the other dialog ids given, in one transaction: an
     * importer's later version of a record that no longer lists some of its sessions (docs/import-teams-call-records.md).
     * Returns how many stored sessions it replaced or removed.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public int replace(List<SessionRecord> records, java.util.Collection<String> removedDialogIds) {
        if (removedDialogIds.isEmpty()) {
            return write(records);
        }
        List<SessionRecord> batch = records.stream()
                .sorted(java.util.Comparator.comparing(SessionRecord::dialogId))
                .toList();
        var dialogIds = new java.util.TreeSet<String>(removedDialogIds);
        batch.forEach(session -> dialogIds.add(session.dialogId()));
        int replaced = change(batch, List.copyOf(dialogIds));
        ingestMetrics.written(batch.size());
        return replaced;
    }

    /** The first UTC day whose sessions the signed-in tenant keeps, if retention has set one. */
    public @Nullable LocalDate keptFrom() {
        return writeLock.keptFrom(currentTenant.id());
    }

    /**
     * Makes the signed-in tenant keep only sessions that start on or after the UTC day (retention): every rollup,
     * period total and active-user row forgets the earlier days, as a recomputation from the later sessions alone
     * would produce them, while the earlier raw rows stay for their partitions to be dropped (or for
     * {@link #deleteForgotten}). Sessions that start before the day and end on or after it are removed whole first.
     * From then on, sessions that start before the day are refused. Returns whether the day moved forward.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public boolean keepFrom(LocalDate day) {
        long tenantId = currentTenant.id();
        writeLock.lockExclusive(tenantId); // writers of the tenant wait
        LocalDate current = writeLock.keptFrom(tenantId);
        if (current != null && !day.isAfter(current)) {
            return false;
        }
        List<String> across = sessions.dialogIdsAcross(
                tenantId, day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        if (!across.isEmpty()) {
            change(List.of(), across);
        }
        sessions.deleteRollupsBefore(tenantId, day);
        readModels.forEach(readModel -> readModel.forgetBefore(tenantId, day));
        writeLock.setKeptFrom(tenantId, day);
        dataVersion.bump();
        return true;
    }

    /**
     * Deletes up to {@code limit} of the signed-in tenant's raw sessions that start before the day its rollups
     * were made to forget ({@link #keepFrom}), where no dropped partition took them; returns how many.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public int deleteForgotten(int limit) {
        long tenantId = currentTenant.id();
        LocalDate keptFrom = writeLock.keptFrom(tenantId);
        return keptFrom == null ? 0 : sessions.deleteRawBefore(tenantId, keptFrom, limit);
    }

    /** Replaces the stored sessions with the given dialog ids (if any) by the batch. */
    private int change(List<SessionRecord> batch, List<String> replacedDialogIds) {
        long tenantId = currentTenant.id();
        // first, so that a write of users, retention or a read model's move to a new date waits for this write
        writeLock.lockShared(tenantId);
        @Nullable LocalDate keptFrom = writeLock.keptFrom(tenantId);
        if (keptFrom != null) {
            List<String> tooOld = batch.stream()
                    .filter(s -> s.startsBefore(keptFrom))
                    .map(SessionRecord::dialogId)
                    .toList();
            if (!tooOld.isEmpty()) {
                throw new SessionsBeforeKeptDaysException(tooOld, keptFrom);
            }
        }
        readModels.forEach(readModel -> readModel.begin(tenantId));
        Set<String> upns = new LinkedHashSet<>();
        for (SessionRecord s : batch) {
            upns.add(s.fromUpn());
            if (s.toUpn() != null) {
                upns.add(s.toUpn());
            }
        }
        // read after the shared lock: a user write holds it exclusively until its links are committed
        PartyLinks links = sessions.partyLinks(tenantId, upns);

        SessionRepository.Existing existing = sessions.lockExisting(tenantId, replacedDialogIds);
        List<CountedSession> stored = existing.sessions();
        // a stored session before the kept days is forgotten by every rollup already: replaced without subtracting
        List<CountedSession> replaced = stored.stream()
                .filter(old -> keptFrom == null
                        || !old.start()
                                .isBefore(keptFrom.atStartOfDay(java.time.ZoneOffset.UTC)
                                        .toInstant()))
                .toList();
        // The raw rows before any user's lock: they are this write's own (its dialog ids are locked above or when
        // inserted) and lock no shared row, so concurrent writers write theirs meanwhile instead of queueing behind
        // the users' locks
        sessions.delete(stored.stream().map(SessionRepository.RowKey::of).toList());
        if (batch.size() < replacedDialogIds.size()) {
            Set<String> kept = new java.util.HashSet<>(
                    batch.stream().map(SessionRecord::dialogId).toList());
            sessions.deleteDialogs(
                    tenantId,
                    replacedDialogIds.stream().filter(id -> !kept.contains(id)).toList());
        }
        Map<String, Long> sessionIds =
                sessions.insertSessions(tenantId, batch, links, qualityRank, existing.dialogIds());
        sessions.insertMedia(tenantId, batch, sessionIds);
        sessions.insertQuality(tenantId, batch, sessionIds);

        List<CountedSession> added = batch.stream()
                .map(s -> new CountedSession(
                        sessionIds.get(s.dialogId()),
                        s.startTime(),
                        s.endTime(),
                        s.mediaMask(),
                        CountedSession.conferenceId(s.conferenceUrl(), s.confInstance()),
                        links.userId(s.fromUpn(), s.startTime()),
                        links.userId(s.toUpn(), s.startTime()),
                        durations(s),
                        s.fromClientVersion(),
                        s.toClientVersion(),
                        s.conferenceJoin()))
                .toList();
        applyDifferences(tenantId, replaced, added, !stored.isEmpty());
        return stored.size();
    }

    /**
     * Takes the tenant's write lock for a write of licensed users, before the directory locks their rows: session
     * writers of the tenant wait until the users and the links of their sessions are committed, so a session
     * written meanwhile can neither miss a new user nor be missed by the re-linking (lock order: docs/ingest.md).
     */
    @EventListener
    void lockForUsers(LicensedUsersWriting writing) {
        writeLock.lockExclusive(writing.tenantId());
        readModels.forEach(readModel -> readModel.begin(writing.tenantId()));
    }

    /**
     * In the transaction that wrote these licensed users: read models add rows for new users, then every
     * stored session naming one of them by UPN is linked again with {@link PartyLinks}'s rule, and every read model
     * changes by the sessions that start or stop counting for them. Other parties' figures do not change.
     */
    @EventListener
    void relinkUsers(LicensedUsersWritten written) {
        long tenantId = written.tenantId();
        readModels.forEach(readModel -> readModel.usersWritten(tenantId, written.upns()));
        Set<String> upns = new java.util.HashSet<>(written.licencesChanged());
        if (upns.isEmpty()) {
            return;
        }
        PartyLinks links = sessions.partyLinks(tenantId, upns);
        List<CountedSession> relinked = new ArrayList<>();
        List<CountedSession> unlinked = new ArrayList<>();
        List<CountedSession> linked = new ArrayList<>();
        for (SessionRepository.NamedSession s : sessions.sessionsNaming(tenantId, upns, writeLock.keptFrom(tenantId))) {
            @Nullable Long from = upns.contains(s.fromUpn()) ? links.userId(s.fromUpn(), s.start()) : s.fromUserId();
            @Nullable
            Long to = s.toUpn() != null && upns.contains(s.toUpn()) ? links.userId(s.toUpn(), s.start()) : s.toUserId();
            if (Objects.equals(from, s.fromUserId()) && Objects.equals(to, s.toUserId())) {
                continue;
            }
            relinked.add(new CountedSession(
                    s.id(),
                    s.start(),
                    s.end(),
                    s.mediaMask(),
                    s.conferenceId(),
                    from,
                    to,
                    Map.of(),
                    s.fromClientVersion(),
                    s.toClientVersion(),
                    s.conferenceJoin()));
            // the parties that stop counting, and those that start: the others' figures stay as they are
            Map<Modality, Long> durations = new EnumMap<>(Modality.class); // read below, for both
            unlinked.add(new CountedSession(
                    s.id(),
                    s.start(),
                    s.end(),
                    s.mediaMask(),
                    s.conferenceId(),
                    Objects.equals(from, s.fromUserId()) ? null : s.fromUserId(),
                    Objects.equals(to, s.toUserId()) ? null : s.toUserId(),
                    durations,
                    s.fromClientVersion(),
                    s.toClientVersion(),
                    s.conferenceJoin()));
            linked.add(new CountedSession(
                    s.id(),
                    s.start(),
                    s.end(),
                    s.mediaMask(),
                    s.conferenceId(),
                    Objects.equals(from, s.fromUserId()) ? null : from,
                    Objects.equals(to, s.toUserId()) ? null : to,
                    durations,
                    s.fromClientVersion(),
                    s.toClientVersion(),
                    s.conferenceJoin()));
        }
        if (linked.isEmpty()) {
            return;
        }
        Map<Long, Map<Modality, Long>> media = sessions.durations(
                linked.stream().map(SessionRepository.RowKey::of).toList());
        linked.forEach(s -> s.durations().putAll(media.getOrDefault(s.id(), Map.of())));
        sessions.setLinks(relinked);
        applyDifferences(tenantId, unlinked, linked, true);
    }

    /**
     * Changes the daily rollups and every read model by what the removed sessions contributed and the added ones
     * contribute.
     */
    private void applyDifferences(
            long tenantId, List<CountedSession> removed, List<CountedSession> added, boolean anyRemoved) {
        var deltas = new Deltas();
        for (int sign : new int[] {-1, +1}) {
            for (CountedSession s : sign < 0 ? removed : added) {
                deltas.add(
                        RollupContribution.of(s.start(), s.conference(), s.durations(), sign),
                        s.fromUserId(),
                        s.toUserId());
            }
        }
        var changes = new SessionChanges(tenantId, removed, added, deltas.byUser);
        // before any of their rollup rows: the foreign keys of those rows lock the same users in share mode
        readModels.forEach(readModel -> readModel.lockUsers(changes));
        // The tenant's day rows first: writers of the same days queue there before locking any user's rows
        sessions.addToTenantRollups(tenantId, deltas.byDay);
        sessions.addToUserRollups(tenantId, deltas.byUser);
        // before empty rows go: a row that a replacement brought back to zero still counts its user out
        sessions.addToDistinctUsers(tenantId, deltas.byUser);
        if (anyRemoved) {
            sessions.removeEmptyRollups(tenantId, deltas.byDay.keySet()); // every session adds to its day, even by 0
        }
        readModels.forEach(readModel -> readModel.apply(changes));
        dataVersion.bump();
    }

    private static Map<Modality, Long> durations(SessionRecord session) {
        Map<Modality, Long> durations = new EnumMap<>(Modality.class);
        for (MediaUsage usage : session.media()) {
            durations.merge(usage.type(), usage.durationMs(), Long::sum);
        }
        return durations;
    }

    /** Rollup changes of one batch, summed per user and day and per day. */
    private static final class Deltas {
        // Sorted, so that every writer locks rollup rows in the same order and concurrent writers queue instead of
        // deadlocking
        final Map<Long, Map<LocalDate, RollupContribution>> byUser = new TreeMap<>();
        final Map<LocalDate, RollupContribution> byDay = new TreeMap<>();

        void add(RollupContribution contribution, @Nullable Long fromUserId, @Nullable Long toUserId) {
            byDay.merge(contribution.day(), contribution, RollupContribution::plus);
            List<Long> parties = new ArrayList<>(2);
            if (fromUserId != null) {
                parties.add(fromUserId);
            }
            if (toUserId != null && !Objects.equals(toUserId, fromUserId)) {
                parties.add(toUserId); // a session with oneself counts once
            }
            for (Long userId : parties) {
                byUser.computeIfAbsent(userId, id -> new TreeMap<>())
                        .merge(contribution.day(), contribution, RollupContribution::plus);
            }
        }
    }
}
