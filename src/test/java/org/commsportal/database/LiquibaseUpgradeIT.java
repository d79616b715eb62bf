package org.commsportal.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yaml.snakeyaml.Yaml;

/**
 * An upgrade keeps every row: a database at the previous schema (every changelog file but the newest), filled with
 * the test run's demo data, is upgraded by the full changelog as the portal does at start, and every row of every
 * table it had is still there with the same values.
 */
@PortalIntegrationTest
class LiquibaseUpgradeIT {

    private static final String CHANGELOG_DIR = "db/changelog/";
    private static final String MASTER = CHANGELOG_DIR + "db.changelog-master.yaml";

    @Autowired
    EmbeddedMariaDb server;

    @Autowired
    JdbcClient jdbc;

    @Test
    void upgrading_a_database_of_the_previous_schema_loses_no_row() throws Exception {
        String database = "upgrade_" + System.nanoTime();
        jdbc.sql("CREATE DATABASE " + database).update();
        try {
            migrate(database, previousChangelog());
            List<String> oldTables = tables(database);
            copyDemoData(database, oldTables);
            Map<String, List<String>> oldColumns = new LinkedHashMap<>();
            oldTables.forEach(table -> oldColumns.put(table, sharedColumns(database, table)));
            Map<String, String> before = fingerprints(database, oldColumns);
            assertThat(before.get("comm_session")).as("sessions copied").doesNotStartWith("0:");

            migrate(database, MASTER);

            assertThat(tables(database)).as("the full schema").containsExactlyInAnyOrderElementsOf(tables("portal"));
            assertThat(fingerprints(database, oldColumns)).isEqualTo(before);
            // changeset 012: every media and quality row carries its session's start, every session its dialog key
            for (String table : org.commsportal.sessions.RawSessionTables.START_COLUMNS.keySet()) {
                if (!table.equals("comm_session")) {
                    assertThat(jdbc.sql(
                                            "SELECT COUNT(*) FROM " + database + "." + table + " x LEFT JOIN "
                                                    + database
                                                    + ".comm_session s ON s.id = x.session_id AND s.start_time = x.session_start WHERE s.id IS NULL")
                                    .query(Long.class)
                                    .single())
                            .as(table + " rows without their session's start")
                            .isZero();
                }
            }
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + database + ".comm_session s JOIN " + database
                                    + ".session_dialog d ON d.tenant_id = s.tenant_id AND d.dialog_id = s.dialog_id AND d.session_id = s.id"
                                    + " AND d.start_time = s.start_time")
                            .query(Long.class)
                            .single())
                    .as("dialog keys")
                    .isEqualTo(Long.parseLong(before.get("comm_session").split(":")[0]));
        } finally {
            jdbc.sql("DROP DATABASE " + database).update();
        }
    }

    /** The master changelog without its newest include, as a file in a temporary directory. */
    private static String previousChangelog() throws Exception {
        Map<String, List<Map<String, Map<String, String>>>> master;
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources", MASTER))) {
            master = new Yaml().load(reader);
        }
        List<Map<String, Map<String, String>>> includes = new ArrayList<>(master.get("databaseChangeLog"));
        assertThat(includes).as("changelog files").hasSizeGreaterThan(1);
        includes.remove(includes.size() - 1);
        Path dir = Files.createTempDirectory("previous-changelog");
        Files.writeString(dir.resolve("previous.yaml"), new Yaml().dump(Map.of("databaseChangeLog", includes)));
        return dir.resolve("previous.yaml").toString();
    }

    private void migrate(String database, String changelog) throws Exception {
        Path file = Path.of(changelog);
        var resources = file.isAbsolute()
                ? new CompositeResourceAccessor(
                        new DirectoryResourceAccessor(file.getParent()), new ClassLoaderResourceAccessor())
                : new ClassLoaderResourceAccessor();
        String path = file.isAbsolute() ? file.getFileName().toString() : changelog;
        Database target =
                DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connect(database)));
        try (var liquibase = new Liquibase(path, resources, target)) {
            // to the log (quiet at WARN), not a line per changeset on standard output
            Scope.child(
                    Scope.Attr.ui.name(),
                    new LoggerUIService(),
                    () -> liquibase.update(new Contexts(), new LabelExpression()));
        }
    }

    /**
     * Copies every column both schemas have from the test run's demo database. Rows a changeset itself inserted are
     * kept as they are; foreign keys are off only while the tables fill in no particular order.
     */
    private void copyDemoData(String database, List<String> tables) throws Exception {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute("SET FOREIGN_KEY_CHECKS = 0");
            for (String table : tables) {
                if (table.startsWith("DATABASECHANGELOG")) {
                    continue;
                }
                String columns = String.join(", ", sharedColumns(database, table));
                statement.executeUpdate("INSERT IGNORE INTO " + database + "." + table + " (" + columns + ") SELECT "
                        + columns + " FROM portal." + table);
            }
        }
    }

    /** Per table: row count and an order-independent checksum over the columns it had before the upgrade. */
    private Map<String, String> fingerprints(String database, Map<String, List<String>> columnsByTable) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String table : columnsByTable.keySet()) {
            if (table.startsWith("DATABASECHANGELOG")) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String column : columnsByTable.get(table)) {
                values.add("IFNULL(CAST(" + column + " AS CHAR), '<null>')");
            }
            result.put(
                    table,
                    jdbc.sql("SELECT CONCAT(COUNT(*), ':', IFNULL(SUM(CRC32(CONCAT_WS('|', " + String.join(", ", values)
                                    + "))), 0)) FROM " + database + "." + table)
                            .query(String.class)
                            .single());
        }
        return result;
    }

    private List<String> sharedColumns(String database, String table) {
        return jdbc.sql("""
                SELECT c.column_name FROM information_schema.columns c
                JOIN information_schema.columns p ON p.table_schema = 'portal' AND p.table_name = c.table_name
                  AND p.column_name = c.column_name
                WHERE c.table_schema = :database AND c.table_name = :table ORDER BY c.ordinal_position
                """)
                .param("database", database)
                .param("table", table)
                .query(String.class)
                .list();
    }

    private List<String> tables(String database) {
        return jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = :database")
                .param("database", database)
                .query(String.class)
                .list();
    }

    private Connection connect(String database) throws Exception {
        return DriverManager.getConnection(server.jdbcUrl(database), EmbeddedMariaDb.ROOT_USER, server.rootPassword());
    }
}
