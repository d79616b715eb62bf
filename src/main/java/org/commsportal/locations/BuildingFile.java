package org.commsportal.locations;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks a building file in the vendor's CQD building-data column layout (docs/locations.md, "The building
 * file"): CSV or TSV, with or without a header line. Every problem is listed by line; the rows are only returned when
 * there is none.
 */
public final class BuildingFile {

    /** The columns in their order; the last (VPN) may be left out. */
    public static final List<String> COLUMNS = List.of(
            "NetworkIP",
            "NetworkName",
            "NetworkRange",
            "BuildingName",
            "OwnershipType",
            "BuildingType",
            "BuildingOfficeType",
            "City",
            "ZipCode",
            "Country",
            "State",
            "Region",
            "InsideCorp",
            "ExpressRoute",
            "VPN");

    /** The largest file accepted (docs/locations.md). */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    public static final int MIN_PREFIX_V4 = 8;
    public static final int MAX_PREFIX_V4 = 32;
    public static final int MIN_PREFIX_V6 = 32;
    public static final int MAX_PREFIX_V6 = 128;

    private static final int MAX_PROBLEMS = 1000;
    private static final int MAX_TEXT = 255;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private BuildingFile() {}

    /** The file's rows, or {@link BuildingFileRejected} with every problem (a file too large is one problem). */
    public static List<BuildingRow> read(InputStream in) {
        List<FileProblem> problems = new ArrayList<>();
        List<BuildingRow> rows = new ArrayList<>();
        Map<IpNetwork, Integer> firstLine = new HashMap<>();
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (var reader = new BufferedReader(new InputStreamReader(new Limited(in), decoder))) {
            String text;
            int line = 0;
            Character separator = null;
            while ((text = reader.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                if (separator == null) {
                    separator = text.indexOf('\t') >= 0 ? '\t' : ',';
                    if (isHeader(split(text, separator))) {
                        continue;
                    }
                }
                if (problems.size() < MAX_PROBLEMS) {
                    row(line, split(text, separator), problems, firstLine, rows);
                }
            }
            if (line == 0 || (rows.isEmpty() && problems.isEmpty())) {
                problems.add(new FileProblem(0, "The file has no rows."));
            }
        } catch (TooLarge e) {
            throw new BuildingFileRejected(List.of(new FileProblem(
                    0, "The file is larger than " + MAX_BYTES / (1024 * 1024) + " MB; split it or remove rows.")));
        } catch (CharacterCodingException e) {
            problems.add(new FileProblem(0, "The file is not UTF-8 text."));
        } catch (IOException e) {
            problems.add(new FileProblem(0, "The file could not be read: " + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new BuildingFileRejected(problems);
        }
        return rows;
    }

    private static boolean isHeader(List<String> fields) {
        return !fields.isEmpty() && fields.get(0).trim().equalsIgnoreCase(COLUMNS.get(0));
    }

    private static void row(
            int line,
            List<String> fields,
            List<FileProblem> problems,
            Map<IpNetwork, Integer> firstLine,
            List<BuildingRow> rows) {
        int before = problems.size();
        if (fields.size() < COLUMNS.size() - 1 || fields.size() > COLUMNS.size()) {
            problems.add(new FileProblem(
                    line,
                    "expected " + (COLUMNS.size() - 1) + " or " + COLUMNS.size() + " columns ("
                            + String.join(", ", COLUMNS) + "), found " + fields.size() + "."));
            return;
        }
        List<String> f = fields.stream().map(String::trim).toList();
        for (int required : new int[] {0, 1, 2, 3, 12, 13}) {
            if (f.get(required).isEmpty()) {
                problems.add(new FileProblem(line, "the required column " + COLUMNS.get(required) + " is empty."));
            }
        }
        for (int i = 0; i < f.size(); i++) {
            if (f.get(i).length() > MAX_TEXT) {
                problems.add(new FileProblem(line, COLUMNS.get(i) + " is longer than " + MAX_TEXT + " characters."));
            }
        }
        IpNetwork network = null;
        byte[] address = f.get(0).isEmpty() ? null : IpNetwork.parseAddress(f.get(0));
        if (!f.get(0).isEmpty() && address == null) {
            problems.add(
                    new FileProblem(line, "NetworkIP \"" + f.get(0) + "\" is not an IPv4 or IPv6 network address."));
        }
        Integer prefix = null;
        if (!f.get(2).isEmpty()) {
            try {
                prefix = Integer.parseInt(f.get(2));
            } catch (NumberFormatException e) {
                problems.add(new FileProblem(line, "NetworkRange \"" + f.get(2) + "\" is not a whole number."));
            }
        }
        if (address != null && prefix != null) {
            boolean v4 = address.length == 4;
            int min = v4 ? MIN_PREFIX_V4 : MIN_PREFIX_V6;
            int max = v4 ? MAX_PREFIX_V4 : MAX_PREFIX_V6;
            if (prefix < min || prefix > max) {
                problems.add(new FileProblem(
                        line,
                        "NetworkRange " + prefix + " is outside /" + min + " to /" + max + " for an "
                                + (v4 ? "IPv4" : "IPv6") + " network."));
            } else {
                network = new IpNetwork(address, prefix);
                if (!network.isNetworkAddress()) {
                    problems.add(new FileProblem(
                            line,
                            "NetworkIP " + f.get(0) + " has bits set beyond /" + prefix + "; the network address is "
                                    + IpNetwork.addressText(IpNetwork.masked(address, prefix)) + "."));
                    network = null;
                } else {
                    Integer earlier = firstLine.putIfAbsent(network, line);
                    if (earlier != null) {
                        problems.add(new FileProblem(
                                line, "the network " + network.text() + " is already on line " + earlier + "."));
                    }
                }
            }
        }
        String country = f.get(9);
        if (!country.isEmpty() && !COUNTRIES.contains(country.toUpperCase(Locale.ROOT))) {
            problems.add(new FileProblem(
                    line, "Country \"" + country + "\" is not a two-letter ISO 3166 country code (such as US or DE)."));
        }
        Boolean inside = flag(line, f, 12, problems);
        Boolean express = flag(line, f, 13, problems);
        Boolean vpn = f.size() > 14 && !f.get(14).isEmpty() ? flag(line, f, 14, problems) : Boolean.FALSE;
        if (problems.size() == before && network != null && inside != null && express != null && vpn != null) {
            rows.add(new BuildingRow(
                    line,
                    network,
                    f.get(1),
                    f.get(3),
                    f.get(4),
                    f.get(5),
                    f.get(6),
                    f.get(7),
                    f.get(8),
                    country.toUpperCase(Locale.ROOT),
                    f.get(10),
                    f.get(11),
                    inside,
                    express,
                    vpn));
        }
    }

    private static Boolean flag(int line, List<String> f, int column, List<FileProblem> problems) {
        String value = f.get(column);
        if (value.isEmpty()) {
            return null; // reported as a missing required column
        }
        if (value.equals("1") || value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equals("0") || value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        problems.add(new FileProblem(line, COLUMNS.get(column) + " \"" + value + "\" is not 0 or 1."));
        return null;
    }

    /** The fields of a line; in CSV a field may be in double quotes, with "" for a quote. */
    static List<String> split(String text, char separator) {
        List<String> fields = new ArrayList<>();
        var field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** A CSV field as {@link #split} reads it back. */
    public static String csvField(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\""
                : value;
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("too large");
        }
    }

    /** Counts the bytes read and stops past the limit, so a huge upload is never read whole. */
    private static final class Limited extends FilterInputStream {
        private long read;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++read > MAX_BYTES) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (read += n) > MAX_BYTES) {
                throw new TooLarge();
            }
            return n;
        }
    }
}
