package org.commsportal.pstn;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.commsportal.pstn.PstnRateProblems.Problem;
import org.jspecify.annotations.Nullable;

/**
 * The rate table's checks and its CSV form (docs/pstn-usage.md, "Charges"): a header line
 * {@code Country,CallType,PricePerMinute,ConnectionFee,Currency}, then one rate per line. Every problem is collected
 * with its line, so one upload names them all.
 */
final class PstnRateFile {

    static final List<String> HEADER = List.of("Country", "CallType", "PricePerMinute", "ConnectionFee", "Currency");
    static final int MAX_BYTES = 256 * 1024;
    /** Every region libphonenumber knows times the four call types is about 1,000. */
    static final int MAX_RATES = 2_000;
    /** A price per minute or a connection fee above this is a unit mistake (cents typed as units), not a price. */
    static final BigDecimal MAX_PRICE = new BigDecimal("1000");

    static final int MAX_DECIMALS = 4;
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,9}(\\.\\d+)?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> REGIONS = PhoneNumberUtil.getInstance().getSupportedRegions();

    private PstnRateFile() {}

    /** The problems of a table as the editor saves it (line 0), empty when it may be saved. */
    static List<Problem> check(String currency, List<PstnRate> rates) {
        List<Problem> problems = new ArrayList<>();
        String currencyProblem = currencyProblem(currency);
        if (currencyProblem != null) {
            problems.add(new Problem(0, currencyProblem));
        }
        if (rates.size() > MAX_RATES) {
            problems.add(new Problem(0, "The table has " + rates.size() + " rates; at most " + MAX_RATES + "."));
        }
        Set<String> seen = new HashSet<>();
        for (PstnRate rate : rates) {
            String what = rate.country() + " " + rate.type().vendorName() + ": ";
            String countryProblem = countryProblem(rate.country());
            if (countryProblem != null) {
                problems.add(new Problem(0, countryProblem));
            }
            amountProblem("price per minute", rate.pricePerMinute())
                    .ifPresent(p -> problems.add(new Problem(0, what + p)));
            amountProblem("connection fee", rate.connectionFee())
                    .ifPresent(p -> problems.add(new Problem(0, what + p)));
            if (!seen.add(rate.country() + "/" + rate.type())) {
                problems.add(new Problem(0, what + "given twice; a country and call type have one rate."));
            }
        }
        return problems;
    }

    /** Reads a CSV rate table; a {@link PstnRateProblems} names every problem when it cannot be used. */
    static PstnRateTable parse(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw refused(new Problem(
                    0,
                    "The file is larger than " + MAX_BYTES / 1024
                            + " KB; a rate table is far smaller. Nothing was saved."));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw refused(new Problem(0, "The file is not UTF-8 text; save it as CSV (UTF-8)."));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r?\n", -1);
        List<Problem> problems = new ArrayList<>();
        List<PstnRate> rates = new ArrayList<>();
        Set<String> currencies = new HashSet<>();
        Set<String> seen = new HashSet<>();
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> cells = Arrays.stream(lines[i].split(",", -1))
                    .map(PstnRateFile::unquoted)
                    .toList();
            if (!header) {
                header = true;
                if (!cells.stream()
                        .map(c -> c.toLowerCase(Locale.ROOT))
                        .toList()
                        .equals(HEADER.stream()
                                .map(c -> c.toLowerCase(Locale.ROOT))
                                .toList())) {
                    throw refused(new Problem(line, "the first line must be the header " + String.join(",", HEADER)));
                }
                continue;
            }
            if (cells.size() != HEADER.size()) {
                problems.add(new Problem(
                        line,
                        "has " + cells.size() + " cells; a rate has " + HEADER.size() + " (" + String.join(",", HEADER)
                                + ")"));
                continue;
            }
            if (rates.size() + problems.size() >= MAX_RATES) {
                problems.add(new Problem(line, "the file has more than " + MAX_RATES + " rates"));
                break;
            }
            rate(line, cells, problems, currencies, seen).ifPresent(rates::add);
        }
        if (!header) {
            problems.add(new Problem(
                    0,
                    "The file is empty: it needs the header " + String.join(",", HEADER) + " and one line per rate."));
        } else if (rates.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(0, "The file has no rates; remove rates in the editor instead."));
        }
        if (currencies.size() > 1) {
            problems.add(new Problem(
                    0,
                    "The file names several currencies "
                            + currencies.stream().sorted().toList() + "; a tenant's rates are in one currency."));
        }
        if (!problems.isEmpty()) {
            throw new PstnRateProblems(problems);
        }
        return new PstnRateTable(currencies.iterator().next(), rates);
    }

    private static java.util.Optional<PstnRate> rate(
            int line, List<String> cells, List<Problem> problems, Set<String> currencies, Set<String> seen) {
        int before = problems.size();
        String country = cells.get(0).toUpperCase(Locale.ROOT);
        String countryProblem = countryProblem(country);
        if (countryProblem != null) {
            problems.add(new Problem(line, countryProblem));
        }
        PstnCallType type = Arrays.stream(PstnCallType.values())
                .filter(t -> t.vendorName().equalsIgnoreCase(cells.get(1)))
                .findFirst()
                .orElse(null);
        if (type == null) {
            problems.add(new Problem(
                    line,
                    "call type " + quoted(cells.get(1)) + " is not one of "
                            + Arrays.stream(PstnCallType.values())
                                    .map(PstnCallType::vendorName)
                                    .toList()));
        }
        BigDecimal price = amount(line, "price per minute", cells.get(2), false, problems);
        BigDecimal fee = amount(line, "connection fee", cells.get(3), true, problems);
        String currency = cells.get(4).toUpperCase(Locale.ROOT);
        String currencyProblem = currencyProblem(currency);
        if (currencyProblem != null) {
            problems.add(new Problem(line, currencyProblem));
        } else {
            currencies.add(currency);
        }
        if (problems.size() > before || type == null || price == null || fee == null) {
            return java.util.Optional.empty();
        }
        if (!seen.add(country + "/" + type)) {
            problems.add(new Problem(
                    line,
                    country + " " + type.vendorName() + " is given twice; a country and call "
                            + "type have one rate."));
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new PstnRate(country, type, price, fee));
    }

    private static @Nullable BigDecimal amount(
            int line, String what, String cell, boolean optional, List<Problem> problems) {
        if (cell.isEmpty()) {
            if (optional) {
                return BigDecimal.ZERO;
            }
            problems.add(new Problem(line, "the " + what + " is missing"));
            return null;
        }
        if (cell.startsWith("-")) {
            problems.add(new Problem(line, "the " + what + " " + quoted(cell) + " is negative"));
            return null;
        }
        if (!AMOUNT.matcher(cell).matches()) {
            problems.add(new Problem(line, "the " + what + " " + quoted(cell) + " is not a number written as 0.0215"));
            return null;
        }
        BigDecimal value = new BigDecimal(cell);
        var problem = amountProblem(what, value);
        if (problem.isPresent()) {
            problems.add(new Problem(line, problem.get()));
            return null;
        }
        return value;
    }

    private static java.util.Optional<String> amountProblem(String what, BigDecimal value) {
        if (value.signum() < 0) {
            return java.util.Optional.of("the " + what + " " + value.toPlainString() + " is negative");
        }
        if (value.stripTrailingZeros().scale() > MAX_DECIMALS) {
            return java.util.Optional.of(
                    "the " + what + " " + value.toPlainString() + " has more than " + MAX_DECIMALS + " decimals");
        }
        if (value.compareTo(MAX_PRICE) > 0) {
            return java.util.Optional.of("the " + what + " " + value.toPlainString() + " is more than " + MAX_PRICE
                    + ": not a plausible telephone price (check the unit)");
        }
        return java.util.Optional.empty();
    }

    static @Nullable String countryProblem(String country) {
        return REGIONS.contains(country)
                ? null
                : "country " + quoted(country) + " is not an ISO 3166 region code of a telephone numbering plan "
                        + "(such as DE, GB or US)";
    }

    static @Nullable String currencyProblem(String currency) {
        if (CURRENCY.matcher(currency).matches()) {
            try {
                Currency.getInstance(currency);
                return null;
            } catch (IllegalArgumentException unknown) {
                // named below
            }
        }
        return "currency " + quoted(currency) + " is not an ISO 4217 currency code (such as EUR or USD)";
    }

    /** The minor unit digits of a currency (2 for EUR, 0 for JPY), to which each call's charge is rounded. */
    static int minorDigits(String currency) {
        return Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
    }

    /** Writes the table as the CSV that {@link #parse} reads. */
    static void write(PstnRateTable table, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(String.join(",", HEADER) + "\r\n");
        for (PstnRate rate : table.rates()) {
            writer.write(rate.country() + "," + rate.type().vendorName() + ","
                    + rate.pricePerMinute().stripTrailingZeros().toPlainString() + ","
                    + rate.connectionFee().stripTrailingZeros().toPlainString() + "," + table.currency() + "\r\n");
        }
        writer.flush();
    }

    private static String unquoted(String cell) {
        String stripped = cell.strip();
        return stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"")
                ? stripped.substring(1, stripped.length() - 1).strip()
                : stripped;
    }

    private static String quoted(String value) {
        return "\"" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "\"";
    }

    private static PstnRateProblems refused(Problem problem) {
        return new PstnRateProblems(List.of(problem));
    }
}
