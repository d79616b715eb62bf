package org.commsportal.locations;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.audit.ExportAudit;
import org.commsportal.common.ReportPeriod;
import org.commsportal.export.TableExports;
import org.commsportal.security.Role;
import org.commsportal.security.Roles;
import org.commsportal.security.SignedInRoles;
import org.commsportal.tenant.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Locations (docs/locations.md): building file uploads (global administrators; global readers read them), their
 * activations, and call quality and reliability by region, city, building and subnet with the missing subnets (the
 * roles of the call quality page).
 */
@Service
public class LocationService {

    private static final String ADMINS = "hasAnyRole('" + Roles.GLOBAL_ADMIN + "', '" + Roles.GLOBAL_READER + "')";
    private static final String ADMIN = "hasRole('" + Roles.GLOBAL_ADMIN + "')";
    /** Before any building file: every day from the first. */
    public static final LocalDate FROM_THE_START = LocalDate.of(1970, 1, 1);

    private final LocationRepository repository;
    private final LocationMapping mapping;
    private final CurrentTenant currentTenant;
    private final AuditLog auditLog;
    private final Clock clock;

    LocationService(
            LocationRepository repository,
            LocationMapping mapping,
            CurrentTenant currentTenant,
            AuditLog auditLog,
            Clock clock) {
        this.repository = repository;
        this.mapping = mapping;
        this.currentTenant = currentTenant;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** The last complete UTC day: the default range ends there. */
    public LocalDate reportDate() {
        return ReportPeriod.reportDate(clock);
    }

    /** Whether the signed-in account may upload and activate building files (global administrators). */
    public boolean mayChange() {
        return SignedInRoles.has(Role.GLOBAL_ADMIN);
    }

    /** Whether the account may open session details from a subnet (the per-user data roles). */
    public boolean mayReadPerUserData() {
        return SignedInRoles.mayReadPerUserData();
    }

    @PreAuthorize(ADMINS)
    @Transactional(readOnly = true)
    public List<LocationUpload> uploads() {
        return repository.uploads(currentTenant.id());
    }

    @PreAuthorize(ADMINS)
    @Transactional(readOnly = true)
    public List<LocationActivation> activations() {
        return repository.activations(currentTenant.id());
    }

    /**
     * Reads and checks the file as it streams in, stores it as a new version and activates it for the UTC days
     * [validFrom, validTo] (null: open-ended); throws {@link BuildingFileRejected} with every problem and stores
     * nothing when any line is bad. Its subnets are mapped in the background once this commits.
     */
    @PreAuthorize(ADMIN)
    @Transactional
    public LocationUpload upload(
            String fileName, InputStream content, @Nullable LocalDate validFrom, @Nullable LocalDate validTo) {
        LocalDate from = validFrom == null ? FROM_THE_START : validFrom;
        checkDays(from, validTo);
        return store(fileName, BuildingFile.read(content), from, validTo, actor());
    }

    private LocationUpload store(
            String fileName, List<BuildingRow> rows, LocalDate from, @Nullable LocalDate validTo, String by) {
        long tenantId = currentTenant.id();
        repository.lockExclusive(tenantId);
        Instant now = clock.instant();
        String name = fileName.isBlank() ? "building file" : fileName.strip();
        name = name.length() > 200 ? name.substring(0, 200) : name;
        long uploadId = repository.insertUpload(tenantId, now, by, name, rows.size());
        repository.insertNetworks(tenantId, uploadId, rows);
        repository.insertActivation(tenantId, uploadId, from, validTo, now, by);
        int version = repository.upload(tenantId, uploadId).orElseThrow().version();
        auditLog.recordChange(
                AuditAction.LOCATIONS_UPLOADED,
                "building file version " + version + " (" + name + ", " + rows.size() + " rows) uploaded, valid "
                        + validity(from, validTo));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                mapping.start(tenantId, uploadId);
            }
        });
        return repository.upload(tenantId, uploadId).orElseThrow();
    }

    /**
     * The demo generator's building file (docs/locations.md): stored and activated from the start as the signed-in
     * system job of {@link CurrentTenant#runAs}, which holds no role; no page or API reaches this.
     */
    @Transactional
    public LocationUpload uploadForDemo(String fileName, InputStream content) {
        if (SecurityContextHolder.getContext().getAuthentication() == null
                || SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                        .findAny()
                        .isPresent()) {
            throw new org.springframework.security.access.AccessDeniedException("Only a system job loads demo files");
        }
        return store(fileName, BuildingFile.read(content), FROM_THE_START, null, "demo data");
    }

    /** Makes a stored version apply again to the UTC days [validFrom, validTo]; the latest activation wins a day. */
    @PreAuthorize(ADMIN)
    @Transactional
    public void activate(long uploadId, @Nullable LocalDate validFrom, @Nullable LocalDate validTo) {
        LocalDate from = validFrom == null ? FROM_THE_START : validFrom;
        checkDays(from, validTo);
        long tenantId = currentTenant.id();
        LocationUpload upload = repository
                .upload(tenantId, uploadId)
                .orElseThrow(() -> new IllegalArgumentException("There is no such building file version."));
        repository.insertActivation(tenantId, uploadId, from, validTo, clock.instant(), actor());
        auditLog.recordChange(
                AuditAction.LOCATIONS_ACTIVATED,
                "building file version " + upload.version() + " activated, valid " + validity(from, validTo));
    }

    /** The figures of the filter's level, most streams first (then most sessions, then by name). */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public LocationReport report(LocationFilter filter) {
        long tenantId = currentTenant.id();
        Plan plan = plan(tenantId, filter.from(), filter.to());
        Map<String, LocationFigures> rows = new HashMap<>();
        for (Segment segment : plan.segments()) {
            if (segment.uploadId() == null) {
                continue;
            }
            repository.qualityFigures(
                    tenantId,
                    filter,
                    segment.from(),
                    segment.to(),
                    segment.uploadId(),
                    f -> rows.merge(f.value(), f, LocationFigures::plus));
            repository.reliabilityFigures(
                    tenantId,
                    filter,
                    segment.from(),
                    segment.to(),
                    segment.uploadId(),
                    f -> rows.merge(f.value(), f, LocationFigures::plus));
        }
        List<LocationFigures> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparingLong(LocationFigures::streams)
                .reversed()
                .thenComparing(
                        Comparator.comparingLong(LocationFigures::attempts).reversed())
                .thenComparing(LocationFigures::value));
        return new LocationReport(filter, sorted, plan.status());
    }

    /** The subnets seen in streams over the range that no row of the applying file maps, most streams first. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public List<MissingSubnet> missingSubnets(LocationFilter filter) {
        long tenantId = currentTenant.id();
        Plan plan = plan(tenantId, filter.from(), filter.to());
        Integer modality = filter.modality() == null ? null : filter.modality().id();
        Map<String, Long> streams = new LinkedHashMap<>();
        for (Segment segment : plan.segments()) {
            repository.unmappedStreams(
                    tenantId,
                    segment.from(),
                    segment.to(),
                    modality,
                    segment.uploadId(),
                    m -> streams.merge(m.subnet(), m.streams(), Long::sum));
        }
        return streams.entrySet().stream()
                .map(e -> new MissingSubnet(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(MissingSubnet::streams)
                        .reversed()
                        .thenComparing(MissingSubnet::subnet))
                .toList();
    }

    /** The mapping status of the tenant's files (also while no report is read). */
    @PreAuthorize(Roles.READ_CHARTS + " or " + ADMINS)
    @Transactional(readOnly = true)
    public MappingStatus status() {
        long tenantId = currentTenant.id();
        return plan(tenantId, reportDate(), reportDate()).status();
    }

    /**
     * The building of each mapped subnet by the file that applies on the day, for the signed-in tenant; for scheduled
     * jobs (threshold alerts per building, docs/alerts-and-webhooks.md) that run as the tenant without roles.
     */
    @Transactional(readOnly = true)
    public Map<String, String> buildingsOfSubnets(LocalDate day) {
        long tenantId = currentTenant.id();
        Long uploadId = plan(tenantId, day, day).segments().get(0).uploadId();
        return uploadId == null ? Map.of() : repository.buildingsOfSubnets(tenantId, uploadId);
    }

    /**
     * The missing subnets as a building file to complete and upload (docs/locations.md, "Missing subnets"): a header
     * line and one row per subnet in the file's columns, the network range of a usual subnet (/24, /64) and the rest
     * left to fill in. Audited as an export.
     */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public long exportMissingSubnets(LocationFilter filter, OutputStream out, LongConsumer progress)
            throws IOException {
        List<MissingSubnet> missing = missingSubnets(filter);
        TableExports.Outcome outcome = ExportAudit.of(
                auditLog, "missing subnets " + filter.from() + " to " + filter.to() + " (CSV building file)");
        long rows = 0;
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write(String.join(",", BuildingFile.COLUMNS));
            writer.write("\r\n");
            for (MissingSubnet subnet : missing) {
                byte[] address = IpNetwork.parseAddress(subnet.subnet());
                String range = address == null ? "" : address.length == 4 ? "24" : "64";
                writer.write(BuildingFile.csvField(subnet.subnet()) + ",," + range + ",,,,,,,,,,,,");
                writer.write("\r\n");
                rows++;
                if (rows % 1000 == 0) {
                    writer.flush();
                    progress.accept(rows);
                }
            }
            writer.flush();
            progress.accept(rows);
        } catch (IOException | RuntimeException e) {
            outcome.failed(rows);
            throw e;
        }
        outcome.succeeded(rows);
        return rows;
    }

    /** UTC day ranges and the upload that applies on them (null: none), and the mapping status. */
    record Segment(LocalDate from, LocalDate to, @Nullable Long uploadId) {}

    record Plan(List<Segment> segments, MappingStatus status) {}

    /**
     * Which upload applies on each day of [from, to]: the latest activation covering the day whose upload is mapped;
     * an activation whose upload is still being mapped is left out until it is (the figures stay as of before).
     */
    private Plan plan(long tenantId, LocalDate from, LocalDate to) {
        return plan(repository, tenantId, from, to);
    }

    /** The same for any reader of the map, such as {@link PlaceSubnets}. */
    static Plan plan(LocationRepository repository, long tenantId, LocalDate from, LocalDate to) {
        List<LocationUpload> uploads = repository.uploads(tenantId);
        Map<Long, LocationUpload> byId = new HashMap<>();
        uploads.forEach(u -> byId.put(u.id(), u));
        List<LocationActivation> usable = repository.activations(tenantId).stream()
                .filter(a ->
                        byId.containsKey(a.uploadId()) && byId.get(a.uploadId()).mapped())
                .toList();
        List<Segment> segments = new ArrayList<>();
        LocalDate start = from;
        Long current = applying(usable, from);
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            Long upload = applying(usable, day);
            if (!java.util.Objects.equals(upload, current)) {
                segments.add(new Segment(start, day.minusDays(1), current));
                start = day;
                current = upload;
            }
        }
        segments.add(new Segment(start, to, current));
        int total = 0;
        int mapped = 0;
        boolean remapping = false;
        for (LocationUpload upload : uploads) {
            if (!upload.mapped()) {
                remapping = true;
                total += upload.subnetsTotal();
                mapped += upload.subnetsMapped();
            }
        }
        Instant asOf = usable.isEmpty() ? null : usable.get(usable.size() - 1).activatedAt();
        return new Plan(segments, new MappingStatus(remapping, mapped, total, asOf));
    }

    private static @Nullable Long applying(List<LocationActivation> activations, LocalDate day) {
        for (int i = activations.size() - 1; i >= 0; i--) {
            if (activations.get(i).covers(day)) {
                return activations.get(i).uploadId();
            }
        }
        return null;
    }

    private static void checkDays(LocalDate from, @Nullable LocalDate to) {
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("The validity ends (" + to + ") before it starts (" + from + ").");
        }
    }

    private static String validity(LocalDate from, @Nullable LocalDate to) {
        return (from.equals(FROM_THE_START) ? "from the start" : "from " + from)
                + (to == null ? ", open-ended" : " to " + to);
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
