package org.commsportal.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the embedded MariaDB keeps its files. The data directory survives restarts; the base directory holds
 * the server binaries unpacked from the classpath. Larger data sets (benchmarks) want a larger buffer pool, and large
 * set-based writes (bulk imports, the benchmarks' loads) a larger redo log, so they do not wait on checkpoints
 * (docs/configuration.md).
 */
@ConfigurationProperties("portal.embedded-db")
public record EmbeddedDatabaseProperties(
        @DefaultValue("data/mariadb") Path dataDir,
        @DefaultValue("data/mariadb-server") Path baseDir,
        @DefaultValue("portal") String databaseName,
        @DefaultValue("256M") String innodbBufferPoolSize,
        @DefaultValue(EmbeddedMariaDb.DEFAULT_LOG_FILE_SIZE) String innodbLogFileSize) {}
