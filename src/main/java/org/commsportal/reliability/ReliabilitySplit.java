package org.commsportal.reliability;

/**
 * The ways the reliability and feedback pages split sessions and ratings (docs/reliability.md): the splits of the call
 * quality page, taken from the caller's side (a rating: its own side). Kind 0 of the day rows is no split.
 */
public enum ReliabilitySplit {
    CONFERENCE(1, "conference", "Peer-to-peer or conference"),
    CONNECTION(2, "connection", "Connection"),
    INSIDE(3, "inside", "Inside or outside the corporate network"),
    VPN(4, "vpn", "VPN"),
    CLIENT(5, "client", "Client version"),
    SUBNET(6, "subnet", "Subnet");

    private final int kind;
    private final String column;
    private final String title;

    ReliabilitySplit(int kind, String column, String title) {
        this.kind = kind;
        this.column = column;
        this.title = title;
    }

    int kind() {
        return kind;
    }

    String column() {
        return column;
    }

    public String title() {
        return title;
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
