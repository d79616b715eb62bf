package org.commsportal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Deletes the integration tests' embedded database once per test JVM, before any test starts, so every
 * {@code ./mvnw verify} begins from an empty schema and freshly generated demo data.
 */
public class FreshTestDatabase implements LauncherSessionListener {

    static final Path DATA_DIR = Path.of("target", "it-mariadb", "data");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!Files.exists(DATA_DIR)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(DATA_DIR)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
