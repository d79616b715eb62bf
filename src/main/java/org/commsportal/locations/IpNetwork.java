package org.commsportal.locations;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A network: its address bytes (4 for IPv4, 16 for IPv6) and prefix length. Addresses are parsed as literals only, so
 * a name is never looked up.
 */
public record IpNetwork(byte[] address, int prefix) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    public IpNetwork {
        address = address.clone();
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("prefix " + prefix);
        }
    }

    public boolean ipv4() {
        return address.length == 4;
    }

    /** The bytes of an IPv4 or IPv6 literal, or null when the text is not one. */
    public static byte @Nullable [] parseAddress(String text) {
        String trimmed = text.trim();
        if (IPV4.matcher(trimmed).matches()) {
            byte[] bytes = new byte[4];
            String[] parts = trimmed.split("\\.");
            for (int i = 0; i < 4; i++) {
                int value = Integer.parseInt(parts[i]);
                if (value > 255) {
                    return null;
                }
                bytes[i] = (byte) value;
            }
            return bytes;
        }
        if (trimmed.contains(":") && IPV6.matcher(trimmed).matches()) {
            try {
                byte[] bytes = InetAddress.getByName(trimmed).getAddress();
                return bytes.length == 16 ? bytes : null;
            } catch (UnknownHostException | SecurityException e) {
                return null;
            }
        }
        return null;
    }

    /** Whether no address bit beyond the prefix is set (the address is the network's first address). */
    public boolean isNetworkAddress() {
        return Arrays.equals(address, masked(address, prefix));
    }

    /** The address with the bits beyond the prefix cleared. */
    public static byte[] masked(byte[] address, int prefix) {
        byte[] bytes = address.clone();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return bytes;
    }

    /** The network in its usual text: {@code 10.1.0.0/16}, {@code 2001:db8::/32}. */
    public String text() {
        return addressText(address) + "/" + prefix;
    }

    public static String addressText(byte[] address) {
        try {
            String text = InetAddress.getByAddress(address).getHostAddress();
            return address.length == 16 ? compress(text) : text;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The number behind the address, for sorting. */
    public static BigInteger number(byte[] address) {
        return new BigInteger(1, address);
    }

    private static String compress(String full) {
        // Java writes every group; shorten the longest run of zero groups to "::" as RFC 5952 does
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpNetwork network
                && network.prefix == prefix
                && Arrays.equals(network.address, address);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address) * 31 + prefix;
    }

    @Override
    public String toString() {
        return text();
    }
}
