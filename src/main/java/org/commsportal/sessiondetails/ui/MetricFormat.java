package org.commsportal.sessiondetails.ui;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a quality record's component reads in a sub-tab: a label with its unit, and the value in that unit. The
 * unit follows from the component's name (…Ms, …Kbps, …Dbmo, …Percent); ratios of 0..1 read as percentages.
 */
final class MetricFormat {

    /** Words that read as acronyms. */
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("ip", "IP"),
            Map.entry("os", "OS"),
            Map.entry("cpu", "CPU"),
            Map.entry("ice", "ICE"),
            Map.entry("vpn", "VPN"),
            Map.entry("rdp", "RDP"),
            Map.entry("fec", "FEC"),
            Map.entry("snr", "SNR"),
            Map.entry("mos", "MOS"),
            Map.entry("avg", "avg"));

    /** Suffix of the component name, the unit it reads in and whether the value is a 0..1 ratio shown in %. */
    private record Unit(String suffix, String label, boolean ratio) {}

    private static final List<Unit> UNITS = List.of(
            new Unit("Ms", "ms", false),
            new Unit("Kbps", "kbps", false),
            new Unit("Dbmo", "dBmo", false),
            new Unit("Db", "dB", false),
            new Unit("Percent", "%", false),
            new Unit("AvgS", "s", false));

    /** Components whose 0..1 values read as percentages although their names do not say "ratio". */
    private static final List<String> RATIOS =
            List.of("packetLossRateAvg", "packetLossRateMax", "postFecPacketLoss", "burstDensity", "concealedRatioAvg");

    private MetricFormat() {}

    static String label(String component) {
        String name = component;
        String unit = "";
        for (Unit candidate : UNITS) {
            if (name.endsWith(candidate.suffix())) {
                name = name.substring(0, name.length() - candidate.suffix().length())
                        + (candidate.suffix().equals("AvgS") ? "Avg" : "");
                unit = candidate.label();
                break;
            }
        }
        if (isRatio(component)) {
            unit = "%";
        } else if (component.startsWith("frameRate")) {
            unit = "fps";
        }
        String words = words(name);
        return unit.isEmpty() ? words : words + " (" + unit + ")";
    }

    static String value(String component, @Nullable Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean flag) {
            return flag ? "Yes" : "No";
        }
        if (value instanceof Double number) {
            double shown = isRatio(component) ? number * 100 : number;
            return BigDecimal.valueOf(shown)
                    .setScale(2, RoundingMode.HALF_UP)
                    .stripTrailingZeros()
                    .toPlainString();
        }
        if (value instanceof org.commsportal.sessions.Side side) {
            return side == org.commsportal.sessions.Side.FROM ? "From" : "To";
        }
        if (value instanceof org.commsportal.sessions.Modality type) {
            return type.label();
        }
        return value.toString();
    }

    private static boolean isRatio(String component) {
        return component.endsWith("Ratio") || RATIOS.contains(component);
    }

    private static String words(String camelCase) {
        StringBuilder out = new StringBuilder();
        for (String word : camelCase.split("(?=[A-Z])")) {
            String lower = word.toLowerCase(java.util.Locale.ROOT);
            String shown = WORDS.getOrDefault(lower, lower);
            if (out.isEmpty()) {
                shown = Character.toUpperCase(shown.charAt(0)) + shown.substring(1);
            } else {
                out.append(' ');
            }
            out.append(shown);
        }
        return out.toString();
    }
}
