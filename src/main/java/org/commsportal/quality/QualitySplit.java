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
