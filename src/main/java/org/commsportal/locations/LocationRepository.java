package org.commsportal.locations;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.commsportal.common.Chunks;
import org.commsportal.common.UtcDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The building files, their activations and the subnet map (changeset 032), and the reads of the per-subnet-day
 * rollups of call quality ({@code quality_split_day}, split 5) and reliability ({@code reliability_day}, kind 6)
 * joined to the map. Those rollups are kept by their own reports; this package only reads them.
 */
@Repository
class LocationRepository {

    /** The subnet split of {@code quality_split_day} (QualitySplit.SUBNET's ordinal) and of reliability_day. */
    static final int QUALITY_SUBNET_SPLIT = 5;

    static final int RELIABILITY_SUBNET_KIND = 6;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    LocationRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * The tenant's location lock, exclusively: a new upload against writers mapping new subnets. The row is created
     * only when missing, as {@code TenantWriteLock} does: the insert's shared lock on an existing row let an upload and
     * the background mapping of the one before it deadlock on the upgrade.
     */
    void lockExclusive(long tenantId) {
        if (lockRow(tenantId).isEmpty()) {
            jdbc.sql("INSERT IGNORE INTO location_state (tenant_id) VALUES (:tenantId)")
                    .param("tenantId", tenantId)
                    .update();
            lockRow(tenantId);
        }
    }

    private List<Long> lockRow(long tenantId) {
        return jdbc.sql("SELECT tenant_id FROM location_state WHERE tenant_id = :tenantId FOR UPDATE")
                .param("tenantId", tenantId)
                .query(Long.class)
                .list();
    }

    /** The same lock, shared; false when the tenant never uploaded a building file. */
    boolean lockShared(long tenantId) {
        return !jdbc.sql("SELECT tenant_id FROM location_state WHERE tenant_id = :tenantId LOCK IN SHARE MODE")
                .param("tenantId", tenantId)
                .query(Long.class)
                .list()
                .isEmpty();
    }

    long insertUpload(long tenantId, Instant at, String by, String fileName, int rows) {
        jdbc.sql("""
                        INSERT INTO location_upload (tenant_id, uploaded_at, uploaded_by, file_name, row_count)
                        VALUES (:tenantId, :at, :by, :fileName, :rows)
                        """)
                .param("tenantId", tenantId)
                .param("at", UtcDateTime.toColumn(at))
                .param("by", by)
                .param("fileName", fileName)
                .param("rows", rows)
                .update();
        return jdbc.sql("SELECT LAST_INSERT_ID()").query(Long.class).single();
    }

    void insertNetworks(long tenantId, long uploadId, List<BuildingRow> rows) {
        List<Object[]> args = new ArrayList<>();
        for (BuildingRow r : rows) {
            args.add(new Object[] {
                tenantId,
                uploadId,
                r.line(),
                r.network().address(),
                r.network().prefix(),
                IpNetwork.addressText(r.network().address()),
                r.networkName(),
                r.buildingName(),
                r.ownershipType(),
                r.buildingType(),
                r.buildingOfficeType(),
                r.city(),
                r.zipCode(),
                r.country(),
                r.state(),
                r.region(),
                r.insideCorp(),
                r.expressRoute(),
                r.vpn()
            });
        }
        for (List<Object[]> chunk : Chunks.of(args)) {
            batch.batchUpdate("""
                    INSERT INTO location_network (tenant_id, upload_id, line, network, prefix, network_ip, network_name,
                        building_name, ownership_type, building_type, building_office_type, city, zip_code, country,
                        state, region, inside_corp, express_route, vpn)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, chunk);
        }
    }

    List<LocationUpload> uploads(long tenantId) {
        return jdbc.sql("""
                        SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS version, uploaded_at, uploaded_by, file_name,
                               row_count, subnets_total, subnets_mapped, mapped_at
                        FROM location_upload WHERE tenant_id = :tenantId ORDER BY id DESC
                        """)
                .param("tenantId", tenantId)
                .query((rs, n) -> new LocationUpload(
                        rs.getLong("id"),
                        rs.getInt("version"),
                        UtcDateTime.fromColumn(rs.getObject("uploaded_at", java.time.LocalDateTime.class)),
                        rs.getString("uploaded_by"),
                        rs.getString("file_name"),
                        rs.getInt("row_count"),
                        rs.getInt("subnets_total"),
                        rs.getInt("subnets_mapped"),
                        UtcDateTime.fromNullableColumn(rs.getObject("mapped_at", java.time.LocalDateTime.class))))
                .list();
    }

    Optional<LocationUpload> upload(long tenantId, long uploadId) {
        return uploads(tenantId).stream().filter(u -> u.id() == uploadId).findFirst();
    }

    /** The tenant's uploads with a locking read, so a writer sees one committed a moment ago. */
    List<Long> uploadIdsLocking(long tenantId) {
        return jdbc.sql("SELECT id FROM location_upload WHERE tenant_id = :tenantId ORDER BY id LOCK IN SHARE MODE")
                .param("tenantId", tenantId)
                .query(Long.class)
                .list();
    }

    void insertActivation(long tenantId, long uploadId, LocalDate from, @Nullable LocalDate to, Instant at, String by) {
        jdbc.sql("""
                        INSERT INTO location_activation (tenant_id, upload_id, valid_from, valid_to, activated_at,
                            activated_by)
                        VALUES (:tenantId, :uploadId, :from, :to, :at, :by)
                        """)
                .param("tenantId", tenantId)
                .param("uploadId", uploadId)
                .param("from", from)
                .param("to", to)
                .param("at", UtcDateTime.toColumn(at))
                .param("by", by)
                .update();
    }

    List<LocationActivation> activations(long tenantId) {
        return jdbc.sql("""
                        SELECT id, upload_id, valid_from, valid_to, activated_at, activated_by
                        FROM location_activation WHERE tenant_id = :tenantId ORDER BY id
                        """)
                .param("tenantId", tenantId)
                .query((rs, n) -> new LocationActivation(
                        rs.getLong("id"),
                        rs.getLong("upload_id"),
                        rs.getObject("valid_from", LocalDate.class),
                        rs.getObject("valid_to", LocalDate.class),
                        UtcDateTime.fromColumn(rs.getObject("activated_at", java.time.LocalDateTime.class)),
                        rs.getString("activated_by")))
                .list();
    }

    List<NetworkMatcher.Entry> networks(long uploadId) {
        return jdbc.sql("SELECT network, prefix, line FROM location_network WHERE upload_id = :uploadId")
                .param("uploadId", uploadId)
                .query((rs, n) -> new NetworkMatcher.Entry(
                        new IpNetwork(rs.getBytes("network"), rs.getInt("prefix")), rs.getInt("line")))
                .list();
    }

    /** Every subnet the tenant's streams and sessions name (the per-subnet-day rollups), but none. */
    List<String> seenSubnets(long tenantId) {
        return seenSubnets(tenantId, LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31));
    }

    /** The subnets the tenant's streams and sessions of the UTC days [first, last] name, but none. */
    List<String> seenSubnets(long tenantId, LocalDate first, LocalDate last) {
        return jdbc.sql("""
                        SELECT DISTINCT value FROM quality_split_day
                        WHERE tenant_id = :tenantId AND split = :split AND value <> ''
                          AND day BETWEEN :first AND :last
                        UNION
                        SELECT DISTINCT split_value FROM reliability_day
                        WHERE tenant_id = :tenantId AND kind = :kind AND split_value <> ''
                          AND day BETWEEN :first AND :last
                        """)
                .param("tenantId", tenantId)
                .param("split", QUALITY_SUBNET_SPLIT)
                .param("kind", RELIABILITY_SUBNET_KIND)
                .param("first", first)
                .param("last", last)
                .query(String.class)
                .list();
    }

    /** The subnets of the sessions (their stream rows and reliability rows, written by then), but none. */
    List<String> subnetsOfSessions(long tenantId, Collection<Long> sessionIds) {
        List<String> subnets = new ArrayList<>();
        for (List<Long> chunk : Chunks.of(new ArrayList<>(sessionIds))) {
            subnets.addAll(jdbc.sql("""
                            SELECT DISTINCT subnet FROM quality_stream
                            WHERE tenant_id = :tenantId AND session_id IN (:ids) AND subnet <> ''
                            UNION
                            SELECT DISTINCT subnet FROM reliability_session
                            WHERE tenant_id = :tenantId AND session_id IN (:ids) AND subnet <> ''
                            """)
                    .param("tenantId", tenantId)
                    .param("ids", chunk)
                    .query(String.class)
                    .list());
        }
        return subnets;
    }

    /** Of the subnets, those with a map row for the upload already. */
    List<String> mappedOf(long tenantId, long uploadId, Collection<String> subnets) {
        List<String> mapped = new ArrayList<>();
        for (List<String> chunk : Chunks.of(new ArrayList<>(subnets))) {
            mapped.addAll(jdbc.sql("""
                            SELECT subnet FROM location_subnet_map
                            WHERE tenant_id = :tenantId AND upload_id = :uploadId AND subnet IN (:subnets)
                            """)
                    .param("tenantId", tenantId)
                    .param("uploadId", uploadId)
                    .param("subnets", chunk)
                    .query(String.class)
                    .list());
        }
        return mapped;
    }

    /** Map rows; a subnet already mapped is left as it is (the mapping is deterministic). */
    void insertMap(long tenantId, long uploadId, Map<String, @Nullable Integer> lines) {
        List<Object[]> args = new ArrayList<>();
        lines.forEach((subnet, line) -> args.add(new Object[] {tenantId, uploadId, subnet, line}));
        for (List<Object[]> chunk : Chunks.of(args)) {
            batch.batchUpdate(
                    "INSERT IGNORE INTO location_subnet_map (tenant_id, upload_id, subnet, line) VALUES (?, ?, ?, ?)",
                    chunk);
        }
    }

    /** The upload's whole map: subnet to line (null: no row maps it). */
    Map<String, @Nullable Integer> mapOf(long tenantId, long uploadId) {
        Map<String, @Nullable Integer> map = new HashMap<>();
        jdbc.sql("SELECT subnet, line FROM location_subnet_map WHERE tenant_id = :tenantId AND upload_id = :uploadId")
                .param("tenantId", tenantId)
                .param("uploadId", uploadId)
                .query(rs -> {
                    map.put(rs.getString("subnet"), rs.getObject("line", Integer.class));
                });
        return map;
    }

    void progress(long uploadId, int total, int mapped) {
        jdbc.sql("UPDATE location_upload SET subnets_total = :total, subnets_mapped = :mapped WHERE id = :id")
                .param("total", total)
                .param("mapped", mapped)
                .param("id", uploadId)
                .update();
    }

    void mapped(long uploadId, Instant at) {
        jdbc.sql("UPDATE location_upload SET mapped_at = :at, subnets_mapped = subnets_total WHERE id = :id")
                .param("at", UtcDateTime.toColumn(at))
                .param("id", uploadId)
                .update();
    }

    /** The uploads whose mapping has not finished (any tenant): resumed at start-up. */
    List<long[]> unmapped() {
        return jdbc.sql("SELECT tenant_id, id FROM location_upload WHERE mapped_at IS NULL ORDER BY id")
                .query((rs, n) -> new long[] {rs.getLong("tenant_id"), rs.getLong("id")})
                .list();
    }

    private static String groupColumn(LocationLevel level) {
        return switch (level) {
            case REGION -> "n.region";
            case CITY -> "n.city";
            case BUILDING -> "n.building_name";
            case SUBNET -> "m.subnet";
        };
    }

    private static String pathCondition(LocationFilter filter) {
        var where = new StringBuilder();
        if (filter.region() != null) {
            where.append(" AND n.region = :region");
        }
        if (filter.city() != null) {
            where.append(" AND n.city = :city");
        }
        if (filter.building() != null) {
            where.append(" AND n.building_name = :building");
        }
        return where.toString();
    }

    private static JdbcClient.StatementSpec path(JdbcClient.StatementSpec spec, LocationFilter filter) {
        if (filter.region() != null) {
            spec = spec.param("region", filter.region());
        }
        if (filter.city() != null) {
            spec = spec.param("city", filter.city());
        }
        if (filter.building() != null) {
            spec = spec.param("building", filter.building());
        }
        return spec;
    }

    /** The quality counts of the filter's level over the days [from, to], mapped by the upload's map. */
    void qualityFigures(
            long tenantId,
            LocationFilter filter,
            LocalDate from,
            LocalDate to,
            long uploadId,
            Consumer<LocationFigures> rows) {
        String modalities = filter.modality() == null
                ? "4, 5, 6"
                : Integer.toString(filter.modality().id());
        var spec = jdbc.sql("""
                        SELECT %s AS v, SUM(q.good) AS good, SUM(q.poor) AS poor, SUM(q.unclassified) AS unclassified
                        FROM quality_split_day q
                        JOIN location_subnet_map m ON m.tenant_id = q.tenant_id AND m.upload_id = :uploadId
                            AND m.subnet = q.value
                        JOIN location_network n ON n.upload_id = m.upload_id AND n.line = m.line
                        WHERE q.tenant_id = :tenantId AND q.split = :split AND q.day BETWEEN :from AND :to
                            AND q.modality IN (%s) %s
                        GROUP BY v
                        """.formatted(groupColumn(filter.level()), modalities, pathCondition(filter)))
                .param("tenantId", tenantId)
                .param("uploadId", uploadId)
                .param("split", QUALITY_SUBNET_SPLIT)
                .param("from", from)
                .param("to", to);
        path(spec, filter)
                .query((rs, n) -> new LocationFigures(
                        rs.getString("v"), rs.getLong("good"), rs.getLong("poor"), rs.getLong("unclassified"), 0, 0, 0))
                .list()
                .forEach(rows);
    }

    /** The building of each subnet the upload maps. */
    Map<String, String> buildingsOfSubnets(long tenantId, long uploadId) {
        Map<String, String> buildings = new HashMap<>();
        jdbc.sql("""
                        SELECT m.subnet, n.building_name FROM location_subnet_map m
                        JOIN location_network n ON n.upload_id = m.upload_id AND n.line = m.line
                        WHERE m.tenant_id = :tenantId AND m.upload_id = :uploadId
                        """).param("tenantId", tenantId).param("uploadId", uploadId).query((RowCallbackHandler)
                rs -> buildings.put(rs.getString(1), rs.getString(2)));
        return buildings;
    }

    /** The reliability counts of the filter's level over the days [from, to], mapped by the upload's map. */
    void reliabilityFigures(
            long tenantId,
            LocationFilter filter,
            LocalDate from,
            LocalDate to,
            long uploadId,
            Consumer<LocationFigures> rows) {
        var spec = jdbc.sql("""
                        SELECT %s AS v, SUM(r.attempts) AS attempts, SUM(r.setup_failures) AS setup_failures,
                               SUM(r.drops) AS drops
                        FROM reliability_day r
                        JOIN location_subnet_map m ON m.tenant_id = r.tenant_id AND m.upload_id = :uploadId
                            AND m.subnet = r.split_value
                        JOIN location_network n ON n.upload_id = m.upload_id AND n.line = m.line
                        WHERE r.tenant_id = :tenantId AND r.modality = :modality AND r.kind = :kind
                            AND r.day BETWEEN :from AND :to %s
                        GROUP BY v
                        """.formatted(groupColumn(filter.level()), pathCondition(filter)))
                .param("tenantId", tenantId)
                .param("uploadId", uploadId)
                .param("modality", filter.reliabilityModality())
                .param("kind", RELIABILITY_SUBNET_KIND)
                .param("from", from)
                .param("to", to);
        path(spec, filter)
                .query((rs, n) -> new LocationFigures(
                        rs.getString("v"),
                        0,
                        0,
                        0,
                        rs.getLong("attempts"),
                        rs.getLong("setup_failures"),
                        rs.getLong("drops")))
                .list()
                .forEach(rows);
    }

    /**
     * The streams per subnet over the days [from, to] that the upload does not map (every subnet without an upload),
     * but none.
     */
    void unmappedStreams(
            long tenantId,
            LocalDate from,
            LocalDate to,
            @Nullable Integer modality,
            @Nullable Long uploadId,
            Consumer<MissingSubnet> rows) {
        String modalities = modality == null ? "4, 5, 6" : modality.toString();
        String unmapped = uploadId == null ? "" : """
                  AND NOT EXISTS (SELECT 1 FROM location_subnet_map m WHERE m.tenant_id = q.tenant_id
                      AND m.upload_id = :uploadId AND m.subnet = q.value AND m.line IS NOT NULL)
                  """;
        var spec = jdbc.sql("""
                        SELECT q.value AS subnet, SUM(q.good + q.poor + q.unclassified) AS streams
                        FROM quality_split_day q
                        WHERE q.tenant_id = :tenantId AND q.split = :split AND q.day BETWEEN :from AND :to
                            AND q.modality IN (%s) AND q.value <> '' %s
                        GROUP BY q.value
                        """.formatted(modalities, unmapped))
                .param("tenantId", tenantId)
                .param("split", QUALITY_SUBNET_SPLIT)
                .param("from", from)
                .param("to", to);
        if (uploadId != null) {
            spec = spec.param("uploadId", uploadId);
        }
        spec.query((rs, n) -> new MissingSubnet(rs.getString("subnet"), rs.getLong("streams")))
                .list()
                .forEach(rows);
    }

    /** The distinct region, city and building triples of an upload's networks, sorted. */
    List<org.commsportal.common.Place> places(long uploadId) {
        return jdbc.sql("""
                        SELECT DISTINCT region, city, building_name FROM location_network WHERE upload_id = :uploadId
                        ORDER BY region, city, building_name
                        """)
                .param("uploadId", uploadId)
                .query((rs, n) -> new org.commsportal.common.Place(
                        rs.getString("region"), rs.getString("city"), rs.getString("building_name")))
                .list();
    }
}
