package org.commsportal.directory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commsportal.privacy.Pseudonymizer;
import org.commsportal.security.Roles;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.DataVersion;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

@Service
public class DirectoryService {

    private final DirectoryRepository directory;
    private final CurrentTenant currentTenant;
    private final Pseudonymizer pseudonymizer;
    private final DataVersion dataVersion;
    private final ApplicationEventPublisher events;
    private final java.time.Clock clock;

    DirectoryService(
            DirectoryRepository directory,
            CurrentTenant currentTenant,
            Pseudonymizer pseudonymizer,
            DataVersion dataVersion,
            ApplicationEventPublisher events,
            java.time.Clock clock) {
        this.directory = directory;
        this.currentTenant = currentTenant;
        this.pseudonymizer = pseudonymizer;
        this.dataVersion = dataVersion;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Writes users of the signed-in tenant (ingestion, demo data). Listeners of {@link LicensedUsersWritten} link
     * the stored sessions that name them in the same transaction (docs/ingest.md). Read committed, as the session
     * writer: what the re-linking reads after the tenant's write lock must include every write committed before it.
     * Listeners of {@link UserRecordsWritten} may refuse records ({@link UserRecordsRefused}): nothing is written.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public void upsert(List<UserRecord> users) {
        long tenantId = currentTenant.id();
        events.publishEvent(new LicensedUsersWriting(tenantId));
        List<String> upns = users.stream()
                .map(user -> user.upn().toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        Map<String, List<Object>> before = directory.licences(tenantId, upns); // stable: the write lock is held
        var locationsBefore = directory.usageLocations(tenantId, upns);
        directory.upsert(tenantId, users, pseudonymizer::pseudonym);
        Map<String, List<Object>> after = directory.licences(tenantId, upns);
        var locationsAfter = directory.usageLocations(tenantId, upns);
        events.publishEvent(new LicensedUsersWritten(
                tenantId,
                upns,
                upns.stream()
                        .filter(upn -> !java.util.Objects.equals(before.get(upn), after.get(upn)))
                        .toList()));
        List<String> moved = upns.stream()
                .filter(upn -> !locationsBefore
                        .getOrDefault(upn, java.util.Optional.empty())
                        .equals(locationsAfter.getOrDefault(upn, java.util.Optional.empty())))
                .toList();
        if (!moved.isEmpty()) {
            events.publishEvent(new UsageLocationsChanged(tenantId, moved));
        }
        // what else the records say (PSTN blocks, calling plans) is kept by the features that own it
        events.publishEvent(new UserRecordsWritten(tenantId, List.copyOf(users), clock.instant()));
        events.publishEvent(new DirectoryChanged(tenantId, dataVersion.bumpDirectory(), upns));
    }

    /**
     * Type-ahead over the signed-in tenant's licensed users, for roles that may see per-user reports: by alias or
     * UPN prefix, or, while names are concealed for the viewer ({@code pseudonymsOnly}), by pseudonym prefix only.
     * A pseudonym is 32 lower-case hexadecimal characters, so any other prefix matches nobody (docs/privacy.md).
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public List<LicensedUser> findByAliasOrUpnPrefix(String prefix, int limit, boolean pseudonymsOnly) {
        if (pseudonymsOnly) {
            String typed = prefix.strip().toLowerCase(Locale.ROOT);
            if (!typed.matches("[0-9a-f]{1,32}")) {
                return List.of();
            }
            return directory.findByAliasOrUpnPrefix(currentTenant.id(), typed, limit, true);
        }
        return directory.findByAliasOrUpnPrefix(currentTenant.id(), prefix, limit, false);
    }

    /**
     * Which of these UPNs (any case) the signed-in tenant's directory holds, in lower case: for importers that only
     * add users the directory does not know yet (docs/import-sfb-server.md, "Users").
     */
    @Transactional(readOnly = true)
    public java.util.Set<String> knownUpns(java.util.Collection<String> upns) {
        if (upns.isEmpty()) {
            return java.util.Set.of();
        }
        return directory
                .licences(
                        currentTenant.id(),
                        upns.stream()
                                .map(upn -> upn.toLowerCase(Locale.ROOT))
                                .distinct()
                                .toList())
                .keySet();
    }

    /** Whether the signed-in tenant has a user with this id (the directory's own key, never shown). */
    @Transactional(readOnly = true)
    public boolean exists(long userId) {
        return directory.exists(currentTenant.id(), userId);
    }

    @Transactional(readOnly = true)
    public long count() {
        return directory.count(currentTenant.id());
    }

    /**
     * The UPNs of the signed-in tenant's users with these directory object ids, by lower-case object id, for
     * importers that match call-record participants by object id first (docs/import-teams-call-records.md).
     */
    @Transactional(readOnly = true)
    public Map<String, String> upnsByObjectId(java.util.Collection<String> objectIds) {
        if (objectIds.isEmpty()) {
            return Map.of();
        }
        return directory.upnsByObjectId(
                currentTenant.id(),
                objectIds.stream()
                        .map(id -> id.toLowerCase(Locale.ROOT))
                        .distinct()
                        .toList());
    }
}
