package org.commsportal.usersblocked;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.commsportal.audit.AuditLog;
import org.commsportal.audit.ExportAudit;
import org.commsportal.export.ExportColumn;
import org.commsportal.export.ExportFormat;
import org.commsportal.export.ExportInfo;
import org.commsportal.export.TableExports;
import org.commsportal.privacy.NameConcealment;
import org.commsportal.security.Roles;
import org.commsportal.security.SignedInRoles;
import org.commsportal.security.ViewerTimeZone;
import org.commsportal.tenant.CurrentTenant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The users blocked report (docs/users-blocked.md) of the signed-in tenant: the PSTN blocks in force at some
 * moment of a day of the viewer's zone, read from the block history.
 */
@Service
public class UsersBlockedService {

    private final PstnBlockRepository repository;
    private final NameConcealment concealment;
    private final CurrentTenant currentTenant;
    private final ViewerTimeZone viewerTimeZone;
    private final AuditLog auditLog;
    private final Clock clock;

    UsersBlockedService(
            PstnBlockRepository repository,
            NameConcealment concealment,
            CurrentTenant currentTenant,
            ViewerTimeZone viewerTimeZone,
            AuditLog auditLog,
            Clock clock) {
        this.repository = repository;
        this.concealment = concealment;
        this.currentTenant = currentTenant;
        this.viewerTimeZone = viewerTimeZone;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** The zone of the viewer's days and times. */
    public ZoneId viewerZone() {
        return viewerTimeZone.current();
    }

    /** Today in the viewer's zone: the page's first day. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(viewerZone()));
    }

    /** How many users were blocked at some moment of the day, for every chart role (a count names nobody). */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public long countBlockedUsers(LocalDate day) {
        return repository.countUsers(scope(BlockedUserQuery.of(day)));
    }

    /** One page of the table, sorted and filtered in the database. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public List<BlockedUserRow> blocks(BlockedUserQuery query, int offset, int limit) {
        var scope = scope(query);
        return repository.page(scope, query, offset, limit).stream()
                .map(block -> shown(block, scope))
                .toList();
    }

    /** The number of rows of the table. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public long countBlocks(BlockedUserQuery query) {
        return repository.count(scope(query), query);
    }

    /** Every row of the table in table order, one at a time, for exports; returns how many there were. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public long forEachBlock(BlockedUserQuery query, Consumer<BlockedUserRow> consumer) {
        var scope = scope(query);
        long[] count = {0};
        repository.forEach(scope, query, block -> {
            consumer.accept(shown(block, scope));
            count[0]++;
        });
        return count[0];
    }

    /**
     * Streams the table's rows (every row matching the query, in its order) with the chosen columns to the output,
     * times in the viewer's zone, reporting the rows written so far, and audits the export.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public long export(
            BlockedUserQuery query,
            List<BlockedUserColumn> columns,
            ExportFormat format,
            OutputStream out,
            LongConsumer progress)
            throws IOException {
        ZoneId zone = viewerZone();
        List<ExportColumn<BlockedUserRow>> exportColumns = columns.stream()
                .map(column -> new ExportColumn<BlockedUserRow>(column.header(zone), row -> row.valueOf(column)))
                .toList();
        boolean typedOverNames = !query.userContains().isEmpty()
                && !concealment.forCurrentViewer().concealed();
        ExportInfo info = ExportInfo.of(
                "Report",
                "Users blocked",
                "Blocked at some moment of",
                query.day() + " (" + zone.getId() + ")",
                "Times in",
                zone.getId(),
                "User contains",
                query.userContains().isEmpty() ? null : query.userContains(),
                "Block action",
                query.action() == null ? null : query.action().wireName(),
                "Exported at",
                clock.instant());
        String what = "Users blocked table as " + format + ", day " + query.day() + " (" + zone.getId() + ")"
                + (query.userContains().isEmpty()
                        ? ""
                        : ", user contains '" + (typedOverNames ? AuditLog.NAMES_ONLY : query.userContains()) + "'")
                + (query.action() == null ? "" : ", action " + query.action().wireName())
                + ", sorted by " + query.sortColumn().header() + (query.ascending() ? " ascending" : " descending")
                + ", columns " + columns.stream().map(BlockedUserColumn::header).toList();
        return TableExports.stream(
                format,
                out,
                "Users blocked",
                exportColumns,
                zone,
                info,
                rows -> forEachBlock(query, rows),
                progress,
                ExportAudit.of(auditLog, what, null, typedOverNames ? query.userContains() : null));
    }

    /** The name of an export's file: report, day and filters. */
    public String exportFileName(BlockedUserQuery query, ExportFormat format) {
        return ExportInfo.fileName(
                format,
                "users-blocked",
                "day-" + query.day(),
                query.action() == null ? null : query.action().wireName().toLowerCase(Locale.ROOT),
                query.userContains().isEmpty() ? null : "user-contains-" + query.userContains());
    }

    /** Whether the signed-in roles may see who is blocked (the table and its exports), not only how many. */
    public boolean mayReadPerUserData() {
        return SignedInRoles.mayReadPerUserData();
    }

    private PstnBlockRepository.Scope scope(BlockedUserQuery query) {
        ZoneId zone = viewerZone();
        return new PstnBlockRepository.Scope(
                currentTenant.id(),
                query.day().atStartOfDay(zone).toInstant(),
                query.day().plusDays(1).atStartOfDay(zone).toInstant(),
                concealment.forCurrentViewer().concealed());
    }

    private static BlockedUserRow shown(PstnBlockRepository.StoredBlock block, PstnBlockRepository.Scope scope) {
        return new BlockedUserRow(
                scope.concealed() ? block.pseudonym() : block.upn(),
                block.action(),
                block.reason(),
                block.since(),
                block.until());
    }
}
