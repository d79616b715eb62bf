package org.commsportal.database;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.commsportal.common.SecretTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's root password, kept in its data directory in a file only the portal's own user may read
 * (0600). It is generated once (256 random bits) and is what counts from then on: every start sets root's password
 * from it. Files holding it are created with their permissions in one step, never written first and restricted after.
 */
final class RootPasswordFile {

    static final String FILE_NAME = "root-password";

    private static final Logger log = LoggerFactory.getLogger(RootPasswordFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** What goes into an SQL string literal unescaped: base64url as generated, and a few more for a chosen one. */
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._~+/=-]{16,200}");

    /**
     * The password and whether it was created now: the data directory had none, being new or from a version of the
     * portal that ran the server without grant tables.
     */
    record RootPassword(String value, boolean created) {
        @Override
        public String toString() {
            return "RootPassword[created=" + created + "]";
        }
    }

    private RootPasswordFile() {}

    /** The password kept in the data directory, or a new one written there if it has none. */
    static RootPassword keptIn(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            String password = SecretTokens.generate("");
            writeOwnerOnly(file, password + "\n");
            log.info("Generated the embedded MariaDB's root password into {} (readable by this user only)", file);
            return new RootPassword(password, true);
        }
        keepOwnerOnly(file);
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!ALLOWED.matcher(password).matches()) {
            throw new IllegalStateException("The embedded MariaDB's root password in " + file
                    + " must be 16 to 200 letters, digits or . _ ~ + / = - (delete the file to generate a new one)");
        }
        return new RootPassword(password, false);
    }

    /**
     * Writes the file with owner-only permissions from its creation: a new file next to it, created with them, then
     * moved over the target in one step, so a crash never leaves a half-written or readable file under the name.
     */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        Path fresh = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(fresh);
        try (FileChannel channel = FileChannel.open(
                fresh, EnumSet.of(CREATE_NEW, WRITE), PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A file copied or restored with looser permissions is brought back to 0600, with a warning. */
    private static void keepOwnerOnly(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (!permissions.equals(OWNER_ONLY)) {
            log.warn(
                    "{} had permissions {}; set to rw------- so that only this user can read the database password",
                    file,
                    PosixFilePermissions.toString(permissions));
            view.setPermissions(OWNER_ONLY);
        }
    }
}
