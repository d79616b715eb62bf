package org.commsportal.export;

import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a workbook that fastexcel wrote to a file onto the caller's stream, entry by entry, giving each named
 * worksheet its real {@code dimension} (the used range, e.g. {@code A1:K201}) in place of the {@code A1} that
 * fastexcel writes before the first row, when the row count is not known yet (it has no way to set it).
 *
 * <p>Nothing is held in memory beyond a copy buffer: the element is among a sheet's first bytes, before any row.
 */
final class SheetDimensions {

    /** What fastexcel 0.19 writes into every worksheet. */
    static final byte[] PLACEHOLDER = "<dimension ref=\"A1\"/>".getBytes(StandardCharsets.US_ASCII);

    /** The sheet's start that is searched for the element: the XML declaration, sheet properties, then it. */
    private static final int HEAD_BYTES = 4_096;

    private SheetDimensions() {}

    /**
     * Writes the workbook in {@code file} to {@code out} as a new zip, with the dimensions given per entry name
     * ({@code xl/worksheets/sheet1.xml} → {@code A1:K201}); leaves {@code out} open.
     */
    static void copy(Path file, OutputStream out, Map<String, String> dimensions, int compressionLevel)
            throws IOException {
        // Read through the central directory: fastexcel's zip writer ends entries with Zip64 data descriptors,
        // which a ZipInputStream misreads
        try (var workbook = new ZipFile(file.toFile());
                var zip = new ZipOutputStream(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush(); // the caller's stream stays open
                    }
                })) {
            zip.setLevel(compressionLevel);
            for (ZipEntry entry : Collections.list(workbook.entries())) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream in = new BufferedInputStream(workbook.getInputStream(entry), 64 * 1024)) {
                    String dimension = dimensions.get(entry.getName());
                    if (dimension == null) {
                        in.transferTo(zip);
                    } else {
                        copyWithDimension(in, zip, dimension);
                    }
                }
                zip.closeEntry();
            }
            zip.finish();
        }
    }

    private static void copyWithDimension(InputStream in, OutputStream out, String dimension) throws IOException {
        byte[] head = in.readNBytes(HEAD_BYTES);
        int at = indexOf(head, PLACEHOLDER);
        if (at < 0) {
            throw new IllegalStateException("No <dimension ref=\"A1\"/> among the first " + HEAD_BYTES
                    + " bytes of the worksheet: the xlsx library writes its sheets differently than expected");
        }
        out.write(head, 0, at);
        out.write(("<dimension ref=\"" + dimension + "\"/>").getBytes(StandardCharsets.US_ASCII));
        out.write(head, at + PLACEHOLDER.length, head.length - at - PLACEHOLDER.length);
        in.transferTo(out);
    }

    private static int indexOf(byte[] data, byte[] part) {
        for (int i = 0; i + part.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
