package org.commsportal.quality;

/**
 * The ways the page splits streams (docs/call-quality.md), each a column of the read model. A value is stored as a
 * number (or the text itself for subnets and clients) and shown as its label.
 */
public enum QualitySplit {
    CONFERENCE("conference", "Peer-to-peer or conference"),
    CONNECTION("connection", "Connection"),
    INSIDE("inside", "Inside or outside the corporate network"),
    VPN("vpn", "VPN"),
    CLIENT("client", "Client version"),
    SUBNET("subnet", "Subnet");

    private final String column;
    private final String title;

    QualitySplit(String column, String title) {
        this.column = column;
        this.title = title;
    }

    String column() {
        return column;
    }

    public String title() {
        return title;
    }

    /** Whether the split's values are free text (subnets, clients) rather than a few codes. */
    public boolean textual() {
        return this == CLIENT || this == SUBNET;
    }

    /** The name of the split's drill-through parameter: conference, connection, inside, vpn, client, subnet. */
    public String parameter() {
        return column;
    }

    /**
     * The stored value of a drill-through parameter value: the stored value itself or its label, in any letter case
     * (docs/call-quality.md, "Drill-through"); subnets and clients are taken as they are, "(none reported)" or
     * nothing meaning none reported.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public String parse(String text) {
        String value = text.strip();
        if (textual()) {
            return value.equals(label("")) ? "" : value;
        }
        if (this == CONFERENCE) {
            if (value.equalsIgnoreCase("true")) {
                return "1";
            }
            if (value.equalsIgnoreCase("false")) {
                return "0";
            }
        }
        for (String code : codes()) {
            if (code.equals(value)
                    || label(code).equalsIgnoreCase(value)
                    || parameterValue(code).equalsIgnoreCase(value)) {
                return code;
            }
        }
        throw new IllegalArgumentException(parameter() + " must be one of "
                + codes().stream().map(this::parameterValue).toList() + ", not '" + text + "'.");
    }

    /** The stored values of a split of a few codes (empty for subnets and clients). */
    public java.util.List<String> codes() {
        return switch (this) {
            case CONFERENCE -> java.util.List.of("0", "1");
            case CONNECTION -> java.util.List.of("1", "2", "3", "0");
            case INSIDE, VPN -> java.util.List.of("1", "0", "2");
            case CLIENT, SUBNET -> java.util.List.of();
        };
    }

    /** A stored value as a drill-through link writes it: true/false, or the label in lower case with hyphens. */
    public String parameterValue(String value) {
        if (this == CONFERENCE) {
            return "1".equals(value) ? "true" : "false";
        }
        return textual()
                ? value
                : label(value).toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    }

    /** The label of a stored value. */
    public String label(String value) {
        return switch (this) {
            case CONFERENCE -> "1".equals(value) ? "Conference" : "Peer-to-peer";
            case CONNECTION ->
                switch (value) {
                    case "1" -> "Wired";
                    case "2" -> "Wi-Fi";
                    case "3" -> "Mobile";
                    default -> "Unknown";
                };
            case INSIDE ->
                switch (value) {
                    case "1" -> "Inside";
                    case "0" -> "Outside";
                    default -> "Unknown";
                };
            case VPN ->
                switch (value) {
                    case "1" -> "VPN";
                    case "0" -> "No VPN";
                    default -> "Unknown";
                };
            case CLIENT, SUBNET -> value.isEmpty() ? "(none reported)" : value;
        };
    }
}
