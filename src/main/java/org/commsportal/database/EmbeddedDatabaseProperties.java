package org.commsportal.database;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * Where the embedded MariaDB keeps its files. The data directory survives restarts; the base directory holds
 * the server binaries unpacked from the classpath. Larger data sets (benchmarks) want a larger buffer pool, and large
 * set-based writes (bulk imports, the benchmarks' loads) a larger redo log, so they do not wait on checkpoints
 * (docs/configuration.md). A start that takes longer than its timeout fails with the server's last lines.
 */
@ConfigurationProperties("portal.embedded-db")
public record EmbeddedDatabaseProperties(
        @DefaultValue("data/mariadb") Path dataDir,
        @DefaultValue("data/mariadb-server") Path baseDir,
        @DefaultValue("portal") String databaseName,
        @DefaultValue("256M") String innodbBufferPoolSize,
        @DefaultValue(EmbeddedMariaDb.DEFAULT_LOG_FILE_SIZE) String innodbLogFileSize,
        @DefaultValue(EmbeddedMariaDb.DEFAULT_START_TIMEOUT) Duration startTimeout) {

    /** The defaults for everything but where the files go, the database's name and the buffer pool (tests). */
    static EmbeddedDatabaseProperties of(Path dataDir, Path baseDir, String databaseName, String bufferPoolSize) {
        return new EmbeddedDatabaseProperties(
                dataDir,
                baseDir,
                databaseName,
                bufferPoolSize,
                EmbeddedMariaDb.DEFAULT_LOG_FILE_SIZE,
                DurationStyle.detectAndParse(EmbeddedMariaDb.DEFAULT_START_TIMEOUT));
    }
}
