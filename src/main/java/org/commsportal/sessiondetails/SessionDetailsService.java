package org.commsportal.sessiondetails;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.LongConsumer;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.audit.ExportAudit;
import org.commsportal.common.Place;
import org.commsportal.common.SubnetLocations;
import org.commsportal.directory.DirectoryService;
import org.commsportal.export.ExportColumn;
import org.commsportal.export.ExportFormat;
import org.commsportal.export.ExportInfo;
import org.commsportal.export.ReadAhead;
import org.commsportal.export.TableExports;
import org.commsportal.privacy.NameConcealment;
import org.commsportal.privacy.NameMask;
import org.commsportal.security.Roles;
import org.commsportal.security.ViewerTimeZone;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.tenant.CurrentTenant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The session details report (docs/session-details.md) of the signed-in tenant, for the roles that may read per-user data
 * (docs/privacy-and-roles.md); names are concealed per viewer in rows, group values, sub-tabs and exports alike.
 */
@Service
public class SessionDetailsService {

    private static final int MAX_USER_CHOICES = 50;
    /** Longer than any stored user name (255 characters): a longer name in a link names nobody. */
    private static final int MAX_LINKED_NAME_LENGTH = 255;

    private final SessionDetailsRepository sessions;
    private final DirectoryService directory;
    private final NameConcealment concealment;
    private final ViewerTimeZone viewerTimeZone;
    private final CurrentTenant currentTenant;
    private final AuditLog auditLog;
    private final SubnetLocations locations;
    private final int sortAndGroupLimit;

    SessionDetailsService(
            SessionDetailsRepository sessions,
            DirectoryService directory,
            NameConcealment concealment,
            ViewerTimeZone viewerTimeZone,
            CurrentTenant currentTenant,
            AuditLog auditLog,
            SubnetLocations locations,
            @Value("${portal.session-details.sort-and-group-limit:5000}") int sortAndGroupLimit) {
        if (sortAndGroupLimit < 0) {
            throw new IllegalArgumentException(
                    "portal.session-details.sort-and-group-limit must be 0 or more, not " + sortAndGroupLimit);
        }
        this.sessions = sessions;
        this.directory = directory;
        this.concealment = concealment;
        this.viewerTimeZone = viewerTimeZone;
        this.currentTenant = currentTenant;
        this.auditLog = auditLog;
        this.locations = locations;
        this.sortAndGroupLimit = sortAndGroupLimit;
    }

    /**
     * The region, city and building choices of the search of every user: the places of the building file that
     * applies on the day (docs/locations.md, "Filters on other pages").
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public List<Place> places(LocalDate day) {
        return locations.buildings(currentTenant.id(), day);
    }

    /** The zone in which the viewer enters and reads times. */
    public ZoneId viewerZone() {
        return viewerTimeZone.current();
    }

    /** Whether the signed-in viewer sees pseudonyms instead of names, decided afresh on each call. */
    public boolean namesConcealed() {
        return concealment.forCurrentViewer().concealed();
    }

    /**
     * Type-ahead over the tenant's licensed users. A viewer who sees real names types the start of an alias or
     * UPN; a viewer who sees concealed names types the start of a pseudonym and is never matched on a real name,
     * so a choice cannot tell which person a pseudonym stands for (docs/privacy.md). Concealment is decided on
     * every call, so a page left open when the setting changes follows it at its next request.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public List<UserChoice> findUsers(String prefix, int limit) {
        String typed = prefix.strip();
        if (typed.isEmpty()) {
            return List.of();
        }
        NameMask mask = concealment.forCurrentViewer();
        return directory.findByAliasOrUpnPrefix(typed, Math.min(limit, MAX_USER_CHOICES), mask.concealed()).stream()
                .map(user -> new UserChoice(
                        user.id(),
                        mask.concealed() ? mask.userName(user.upn()) : user.upn() + " (" + user.displayName() + ")"))
                .toList();
    }

    /**
     * The user a link names as the viewer sees names (a pseudonym when concealed, never matched on a real name), as
     * the search box offers them; empty when the viewer cannot name such a user in this organization.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public java.util.Optional<UserChoice> userNamed(String name) {
        if (name.isBlank() || name.length() > MAX_LINKED_NAME_LENGTH) {
            return java.util.Optional.empty();
        }
        long tenantId = currentTenant.id();
        NameMask mask = concealment.forCurrentViewer();
        return sessions.userByShownName(tenantId, name, mask.concealed())
                .flatMap(id -> sessions.userUpn(tenantId, id).map(upn -> new UserChoice(id, mask.userName(upn))));
    }

    /**
     * Validates the form in the viewer's time zone, checks the user belongs to the tenant and audits the look-up.
     *
     * @throws InvalidSearchException naming each invalid field
     */
    // No surrounding transaction: the audit entry is written on a connection of its own (REQUIRES_NEW), and holding
    // one here as well let ten concurrent searches exhaust the pool (found by the UI load test)
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public SessionSearch search(SearchForm form) {
        ZoneId zone = viewerZone();
        var errors = form.errors(zone);
        if (!errors.isEmpty()) {
            throw new InvalidSearchException(errors);
        }
        long tenantId = currentTenant.id();
        NameMask mask = concealment.forCurrentViewer();
        String label = sessions.userUpn(tenantId, form.userId())
                .map(mask::userName)
                .orElseThrow(() -> new InvalidSearchException(
                        java.util.Map.of(SearchForm.Field.USER, "No such user in this organization.")));
        var search =
                new SessionSearch(form.userId(), label, form.fromInstant(zone), form.toInstant(zone), zone, null, true);
        String subject = auditedName(tenantId, form.userId());
        auditLog.record(
                AuditAction.SESSION_SEARCH,
                "session details of " + subject + " from " + form.from() + " to " + form.effectiveTo() + " ("
                        + zoneName(zone) + ")",
                subject);
        return search;
    }

    /**
     * Runs a drill-through read from the page's URL (docs/session-details.md, "Drill-through"): the sessions starting
     * on its days in its zone, of the user it names as the viewer sees names, or of every user; audits the look-up.
     *
     * @throws InvalidSearchException when the user is not one the viewer can name in this organization
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public SessionSearch search(DrillThrough drillThrough) {
        long tenantId = currentTenant.id();
        NameMask mask = concealment.forCurrentViewer();
        ZoneId zone = drillThrough.zone();
        Long userId = null;
        String label = "every user";
        if (drillThrough.user() != null) {
            // a concealed viewer is matched on pseudonyms only: a real name in a link reveals and filters nothing
            userId = sessions.userByShownName(tenantId, drillThrough.user(), mask.concealed())
                    .orElseThrow(() -> new InvalidSearchException(java.util.Map.of(
                            SearchForm.Field.USER,
                            mask.concealed()
                                    ? "No user with this pseudonym in this organization: names are concealed, so"
                                            + " a link names users by pseudonym."
                                    : "No such user in this organization.")));
            label = sessions.userUpn(tenantId, userId).map(mask::userName).orElseThrow();
        }
        var search = new SessionSearch(
                userId,
                label,
                drillThrough.from().atStartOfDay(zone).toInstant(),
                drillThrough.to().plusDays(1).atStartOfDay(zone).toInstant(),
                zone,
                null,
                true,
                drillThrough.filters());
        String subject = userId == null ? null : auditedName(tenantId, userId);
        auditLog.record(
                AuditAction.SESSION_SEARCH,
                "session details of " + (subject == null ? "every user" : subject) + " on the days "
                        + drillThrough.from() + " to " + drillThrough.to() + " (" + zoneName(zone) + ")"
                        + filterText(search.filters()),
                subject);
        return search;
    }

    private static String filterText(SessionFilters filters) {
        return filters.any() ? ", filters: " + String.join(", ", filters.describe()) : "";
    }

    /** The streams behind the search (group filters aside): those meeting its stream criteria. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public long countStreams(SessionSearch search) {
        return sessions.countStreams(scope(search));
    }

    /**
     * Audit entries name the user by pseudonym: global readers read the audit log and must not learn names there.
     * The audit log shows the name in its place to viewers who may see names (docs/privacy.md).
     */
    private String auditedName(long tenantId, long userId) {
        return sessions.userUpn(tenantId, userId)
                .map(concealment.forEveryViewer()::userName)
                .orElse("user " + userId);
    }

    /**
     * The most sessions a search may match to be sorted by another column than the start time, or grouped
     * ({@code portal.session-details.sort-and-group-limit}, docs/session-details.md, "Sorting and grouping many
     * sessions").
     */
    public int sortAndGroupLimit() {
        return sortAndGroupLimit;
    }

    /**
     * Whether the table may sort the search's sessions by another column than the start time and group them: when at
     * most {@link #sortAndGroupLimit} sessions match (one user's or every user's), as such a page works out the shown
     * columns of every matching session (some 20 microseconds each) where a page in start time order reads its rows
     * only. {@link #sessions}, {@link #groups} and {@link #countGroups} leave this check to their caller, which
     * asks once per search.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public boolean sortsAndGroups(SessionSearch search) {
        return sortsAndGroups(search, sortAndGroupLimit);
    }

    /** {@link #sortsAndGroups(SessionSearch)} with another limit, so that tests need not write thousands of sessions. */
    boolean sortsAndGroups(SessionSearch search, int atMost) {
        return !sessions.moreThan(scope(search), atMost);
    }

    /** A page of the sessions the group filters leave (all of them without filters), in the search's order. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public List<SessionRow> sessions(SessionSearch search, List<GroupFilter> filters, int offset, int limit) {
        return sessions.page(scope(search), filters, search.sortColumn(), search.ascending(), offset, limit);
    }

    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public long countSessions(SessionSearch search, List<GroupFilter> filters) {
        return sessions.count(scope(search), filters);
    }

    /** A page of the groups of one column below the opened groups, with their session counts. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public List<SessionGroup> groups(
            SessionSearch search, List<GroupFilter> filters, SessionColumn column, int offset, int limit) {
        requireGroupable(column);
        return sessions.groups(scope(search), filters, column, offset, limit);
    }

    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public long countGroups(SessionSearch search, List<GroupFilter> filters, SessionColumn column) {
        requireGroupable(column);
        return sessions.countGroups(scope(search), filters, column);
    }

    /** The ten sub-tabs of one of the tenant's sessions, with each stream's verdict. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public SessionQuality quality(long sessionId) {
        long tenantId = currentTenant.id();
        var report = new Quality.Report(
                sessions.quality(tenantId, sessionId, Quality.SessionInfo.class),
                sessions.quality(tenantId, sessionId, Quality.MediaLine.class),
                sessions.quality(tenantId, sessionId, Quality.AudioStream.class),
                sessions.quality(tenantId, sessionId, Quality.AudioClientEvents.class),
                sessions.quality(tenantId, sessionId, Quality.AudioSignal.class),
                sessions.quality(tenantId, sessionId, Quality.AppSharingStream.class),
                sessions.quality(tenantId, sessionId, Quality.VideoClientEvents.class),
                sessions.quality(tenantId, sessionId, Quality.VideoStream.class),
                sessions.quality(tenantId, sessionId, Quality.TracerouteHop.class),
                sessions.quality(tenantId, sessionId, Quality.Feedback.class));
        return new SessionQuality(
                report,
                report.audioStreams().stream()
                        .map(s ->
                                StreamClassifier.audio(s, StreamClassifier.iceFailed(report, s.side(), Modality.AUDIO)))
                        .toList(),
                report.videoStreams().stream()
                        .map(s ->
                                StreamClassifier.video(s, StreamClassifier.iceFailed(report, s.side(), Modality.VIDEO)))
                        .toList(),
                report.appSharingStreams().stream()
                        .map(s -> StreamClassifier.appSharing(
                                s, StreamClassifier.iceFailed(report, s.side(), Modality.APPLICATION_SHARING)))
                        .toList());
    }

    /**
     * Streams every session of the search (in its order, group filters aside) with the chosen columns to the
     * output, times in the search's zone (named in their headers), reporting rows written, and audits the export.
     */
    // No surrounding transaction, like search: the export's audit entry needs a connection of its own
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public long export(
            SessionSearch search,
            List<SessionColumn> columns,
            ExportFormat format,
            OutputStream out,
            LongConsumer progress)
            throws IOException {
        List<ExportColumn<SessionRow>> exportColumns = columns.stream()
                .map(column -> new ExportColumn<SessionRow>(header(column, search.zone()), column::valueOf))
                .toList();
        String subject = search.userId() == null ? null : auditedName(currentTenant.id(), search.userId());
        String what = "session details of " + (subject == null ? "every user" : subject) + " from " + search.from()
                + " to " + search.to() + filterText(search.filters()) + " as " + format + ", times in "
                + zoneName(search.zone()) + ", columns "
                + columns.stream().map(SessionColumn::header).toList();
        // read ahead on another thread: the scope (tenant, concealment) comes from this thread's sign-in
        var scope = scope(search);
        ExportInfo info = ExportInfo.of(
                "Report",
                "Session details",
                "User",
                search.userLabel(),
                "From",
                local(search.from(), search.zone()),
                "To",
                local(search.to(), search.zone()),
                "Time zone",
                zoneName(search.zone()) + ": every time in this file",
                "Filters",
                search.filters().any() ? String.join(", ", search.filters().describe()) : "none",
                "Sorted by",
                search.sortColumn() == null
                        ? "Start time"
                        : search.sortColumn().header() + (search.ascending() ? " ascending" : " descending"));
        return TableExports.stream(
                format,
                out,
                "Session details",
                exportColumns,
                search.zone(),
                info,
                ReadAhead.of(rows -> sessions.forEach(scope, search.sortColumn(), search.ascending(), rows)),
                progress,
                ExportAudit.of(auditLog, what, subject));
    }

    /** The name of an export's file: report, user as the viewer sees it, range and zone (docs/exports.md). */
    public static String exportFileName(SessionSearch search, ExportFormat format) {
        return ExportInfo.fileName(
                format,
                "session-details",
                search.userLabel(),
                local(search.from(), search.zone()) + "-to-" + local(search.to(), search.zone()),
                zoneName(search.zone()));
    }

    private static String local(java.time.Instant instant, ZoneId zone) {
        return java.time.LocalDateTime.ofInstant(instant, zone)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .toString()
                .replace('T', ' ');
    }

    /** A column's header; time headers name the zone their values are in. */
    public static String header(SessionColumn column, ZoneId zone) {
        return column.isTime() ? column.header() + " (" + zoneName(zone) + ")" : column.header();
    }

    /** The zone's name as a label: an IANA id, or UTC. */
    public static String zoneName(ZoneId zone) {
        return zone.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private SessionDetailsRepository.Scope scope(SessionSearch search) {
        return new SessionDetailsRepository.Scope(
                currentTenant.id(),
                search.userId(),
                search.from(),
                search.to(),
                concealment.forCurrentViewer().concealed(),
                search.filters());
    }

    private static void requireGroupable(SessionColumn column) {
        if (!column.groupable()) {
            throw new IllegalArgumentException(column.header() + " cannot be grouped");
        }
    }
}
