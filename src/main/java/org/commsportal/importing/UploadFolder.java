package org.commsportal.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files of one upload, streamed to a temporary folder (never held in memory whole) under a size limit for all
 * of them together ({@code portal.import.upload-max-bytes}, docs/configuration.md). The importer then reads the
 * folder as it reads a folder given on the command line.
 */
public final class UploadFolder implements AutoCloseable {

    /** An upload over the limit: the file is not kept. */
    public static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** A file received: its name in the folder and its size. */
    public record Received(String name, long bytes) {}

    private static final int BUFFER = 64 * 1024;

    private final Path dir;
    private final long maxBytes;
    private final List<Received> received = new ArrayList<>();
    private long bytes;

    UploadFolder(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    Path dir() {
        return dir;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Copies one uploaded file into the folder, counting its bytes; over the limit the copy stops, the partial file
     * is deleted and {@link TooLarge} says so. A second file of the same name replaces the first.
     */
    public synchronized Received receive(String uploadedName, InputStream in) throws IOException {
        String name = safeName(uploadedName);
        remove(name);
        Path file = dir.resolve(name);
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (bytes + written > maxBytes) {
                    throw new TooLarge("\"" + name + "\" makes the upload larger than the limit of "
                            + String.format(Locale.ROOT, "%,d", maxBytes) + " bytes; it was not kept");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        bytes += written;
        Received file1 = new Received(name, written);
        received.add(file1);
        return file1;
    }

    /** Forgets a file the user removed from the upload list. */
    public synchronized void remove(String uploadedName) throws IOException {
        String name = safeName(uploadedName);
        for (Received file : List.copyOf(received)) {
            if (file.name().equals(name)) {
                received.remove(file);
                bytes -= file.bytes();
                Files.deleteIfExists(dir.resolve(name));
            }
        }
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Deletes the folder and its files. */
    @Override
    public synchronized void close() throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        received.clear();
        bytes = 0;
    }

    /** The name without any folder part and with only safe characters, so it cannot leave the folder. */
    static String safeName(String uploadedName) {
        String base = uploadedName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return base.isEmpty() || base.chars().allMatch(c -> c == '.') ? "upload" : base;
    }
}
