package org.commsportal.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.LongConsumer;
import org.commsportal.export.ExportColumn;
import org.commsportal.export.ExportFormat;
import org.commsportal.export.ExportInfo;
import org.commsportal.export.TableExports;
import org.commsportal.tenant.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Records audit events. Events are written in their own transaction so a failed operation is still audited. */
@Service
public class AuditLog {

    private final AuditRepository events;
    private final CurrentTenant currentTenant;
    private final Clock clock;
    private final SubjectVisibility subjects;
    private final Counter exports;

    AuditLog(
            AuditRepository events,
            CurrentTenant currentTenant,
            Clock clock,
            SubjectVisibility subjects,
            MeterRegistry registry) {
        this.events = events;
        this.currentTenant = currentTenant;
        this.clock = clock;
        this.subjects = subjects;
        // Every export (pages, audit log, Graph API) is audited as EXPORT, so this is the one place to count them.
        this.exports = Counter.builder("portal.exports")
                .description("Exports recorded in the audit trail, completed or failed")
                .register(registry);
    }

    /** An action of the signed-in principal, in its tenant, audited even if the caller's transaction rolls back. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(AuditAction action, String detail) {
        record(action, detail, null);
    }

    /**
     * An action about one licensed user, whom the detail names by {@code subjectPseudonym} only. Readers who may see
     * names read the user's name in its place, looked up when they read it (docs/privacy.md).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(AuditAction action, String detail, @Nullable String subjectPseudonym) {
        record(action, detail, subjectPseudonym, null);
    }

    /**
     * The same, with a text that only viewers who see names may read (such as a filter typed over real names): the
     * detail holds {@link #NAMES_ONLY} where it goes, and readers who see names read the text there.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(
            AuditAction action, String detail, @Nullable String subjectPseudonym, @Nullable String namesOnlyText) {
        events.insert(
                currentTenant.id(),
                clock.instant(),
                signedInActor(),
                action.name(),
                detail,
                null,
                subjectPseudonym,
                namesOnlyText);
        if (action == AuditAction.EXPORT) {
            exports.increment();
        }
    }

    /**
     * An action of the signed-in principal that changes data: written in the caller's transaction, so the change
     * and its audit entry commit or roll back together.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordChange(AuditAction action, String detail) {
        events.insert(currentTenant.id(), clock.instant(), signedInActor(), action.name(), detail, null, null, null);
    }

    private static String signedInActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "anonymous" : auth.getName();
    }

    /** An event before or outside a sign-in, such as a failed sign-in; the tenant is null when unknown. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(
            @Nullable Long tenantId, String actor, AuditAction action, String detail, @Nullable String remoteAddr) {
        events.insert(tenantId, clock.instant(), actor, action.name(), detail, remoteAddr, null, null);
    }

    /**
     * Failed sign-ins for this user name since the moment (and since its last successful sign-in). Not read-only, so
     * that with a read replica configured the count comes from the primary and never lags behind a failure.
     */
    @Transactional
    public long failedSignInsOf(String username, java.time.Instant since) {
        return events.failedSignInsOf(username, since);
    }

    /** Failed sign-ins from this address since the moment; from the primary, as above. */
    @Transactional
    public long failedSignInsFrom(String remoteAddr, java.time.Instant since) {
        return events.failedSignInsFrom(remoteAddr, since);
    }

    /** The name of an export's file: the range in the viewer's zone, the action and the actor filter. */
    public static String exportFileName(AuditQuery query, ExportFormat format, ZoneId zone) {
        return ExportInfo.fileName(
                format,
                "audit-log",
                (query.from() == null ? "start" : local(query.from(), zone)) + "-to-"
                        + (query.to() == null ? "now" : local(query.to(), zone)),
                query.action() == null ? null : query.action().name(),
                query.actorContains().isEmpty() ? null : "actor-" + query.actorContains());
    }

    private static String local(java.time.Instant instant, ZoneId zone) {
        return java.time.LocalDateTime.ofInstant(instant, zone)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .toString();
    }

    /** Where an entry's names-only text goes, as viewers who do not see names read it. */
    public static final String NAMES_ONLY = "[text typed over real names, shown only to viewers who see names]";

    // Role names spelled out: the security package depends on this one, not the other way round.
    private static final String READERS = "hasAnyRole('GLOBAL_ADMIN', 'GLOBAL_READER')";

    /**
     * One page of the signed-in tenant's events matching the query, newest first; a licensed user an event is about
     * is shown by name or by pseudonym as the viewer's rights allow.
     */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public List<AuditEvent> page(AuditQuery query, int offset, int limit) {
        return events.page(currentTenant.id(), query, subjects.viewerSeesNames(), offset, limit);
    }

    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public long count(AuditQuery query) {
        return events.count(currentTenant.id(), query);
    }

    /**
     * Streams every matching event, newest first, to the output with times in the viewer's zone, reporting the
     * rows written so far; the export itself is audited. Returns the number of rows.
     */
    @PreAuthorize(READERS)
    // No surrounding transaction: the audit records below then commit on their own, as the export audit needs
    public long export(AuditQuery query, ExportFormat format, OutputStream out, ZoneId zone, LongConsumer progress)
            throws IOException {
        List<ExportColumn<AuditEvent>> columns = List.of(
                new ExportColumn<>("Time (" + zone.getId() + ")", AuditEvent::occurredAt),
                new ExportColumn<>("Actor", AuditEvent::actor),
                new ExportColumn<>("Action", AuditEvent::action),
                new ExportColumn<>("Detail", AuditEvent::detail),
                new ExportColumn<>("Address", AuditEvent::remoteAddr));
        String what = "audit log as " + format + ", " + query.describe();
        boolean namesShown = subjects.viewerSeesNames();
        ExportInfo info = ExportInfo.of(
                "Report",
                "Audit log",
                "From",
                query.from() == null ? "the first entry" : local(query.from(), zone),
                "To",
                query.to() == null ? "now" : local(query.to(), zone),
                "Action",
                query.action() == null ? "any" : query.action().name(),
                "Actor contains",
                query.actorContains(),
                "Time zone",
                zone.getId() + ": every time in this file",
                "Exported at",
                clock.instant());
        return TableExports.stream(
                format,
                out,
                "Audit log",
                columns,
                zone,
                info,
                each -> events.forEach(currentTenant.id(), query, namesShown, each),
                progress,
                ExportAudit.of(this, what));
    }
}
