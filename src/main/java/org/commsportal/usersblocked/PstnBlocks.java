package org.commsportal.usersblocked;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.commsportal.directory.PstnBlocking;
import org.commsportal.directory.UserRecord;
import org.commsportal.directory.UserRecordsRefused;
import org.commsportal.directory.UserRecordsWritten;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each user's history of PSTN blocks from the user records the directory writes, in the same transaction
 * (docs/users-blocked.md, "History"): a block starts a period, a change of action ends it and starts another, a
 * record without a block ends it, a re-sent block changes nothing, and a block's reason or time sent again for the
 * same action corrects it. Records that say nothing of blocks (importers, demo data) change nothing.
 */
@Component
class PstnBlocks {

    private final PstnBlockRepository repository;

    PstnBlocks(PstnBlockRepository repository) {
        this.repository = repository;
    }

    @EventListener
    void usersWritten(UserRecordsWritten written) {
        long tenantId = written.tenantId();
        Map<String, PstnBlocking> blockings = new LinkedHashMap<>();
        for (UserRecord user : written.users()) {
            if (user.pstnBlocking() != null) {
                blockings.put(user.upn().toLowerCase(Locale.ROOT), user.pstnBlocking());
            }
        }
        if (blockings.isEmpty()) {
            return;
        }
        Instant now = written.writtenAt().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Long> ids = repository.userIds(tenantId, List.copyOf(blockings.keySet()));
        // in id order: concurrent writers of the same users lock their rows in one order
        Map<Long, PstnBlockRepository.OpenBlock> open =
                repository.openBlocks(tenantId, ids.values().stream().sorted().toList());
        List<UserRecordsRefused.Refusal> refusals = new ArrayList<>();
        blockings.forEach((upn, blocking) -> {
            Long userId = ids.get(upn);
            if (userId == null) {
                return; // the directory wrote every record before publishing: cannot happen
            }
            String refusal = apply(tenantId, userId, open.get(userId), blocking, now);
            if (refusal != null) {
                refusals.add(new UserRecordsRefused.Refusal(upn, "pstnBlockedAt", refusal));
            }
        });
        if (!refusals.isEmpty()) {
            throw new UserRecordsRefused(refusals);
        }
    }

    /** Applies one record's blocking; returns why it contradicts the history, or null. */
    private @Nullable String apply(
            long tenantId,
            long userId,
            PstnBlockRepository.@Nullable OpenBlock current,
            PstnBlocking blocking,
            Instant now) {
        if (!blocking.blocked()) {
            if (current != null) {
                repository.end(current.id(), current.since().isAfter(now) ? current.since() : now);
            }
            return null;
        }
        if (current != null && current.action() == blocking.action()) {
            Instant since = blocking.since() == null ? current.since() : blocking.since();
            if (!Objects.equals(current.reason(), blocking.reason())
                    || !current.since().equals(since)) {
                Instant lastEnd = repository.lastEnd(tenantId, userId);
                if (lastEnd != null && since.isBefore(lastEnd)) {
                    return "is before " + lastEnd + ", when the user's previous block ended";
                }
                repository.correct(current.id(), blocking.reason(), since);
            }
            return null;
        }
        Instant since = blocking.since() == null ? now : blocking.since();
        if (current != null) {
            if (!since.isAfter(current.since())) {
                return "is not after " + current.since() + ", when the user's current block ("
                        + current.action().wireName() + ") started, which this change of action ends";
            }
            repository.end(current.id(), since);
        } else {
            Instant lastEnd = repository.lastEnd(tenantId, userId);
            if (lastEnd != null && since.isBefore(lastEnd)) {
                return "is before " + lastEnd + ", when the user's previous block ended";
            }
        }
        repository.insert(tenantId, userId, Objects.requireNonNull(blocking.action()), blocking.reason(), since);
        return null;
    }
}
