package org.commsportal.locations;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Longest-prefix match of an address against one upload's networks: for each prefix length present, longest first,
 * the address masked to it is looked up. A supernet containing a subnet is allowed; the longest prefix wins.
 */
final class NetworkMatcher {

    /** One network of the upload and its line in the file. */
    record Entry(IpNetwork network, int line) {}

    private final Map<Integer, TreeMap<Integer, Map<ByteBuffer, Integer>>> byFamily = new HashMap<>();

    NetworkMatcher(List<Entry> entries) {
        for (Entry entry : entries) {
            byFamily.computeIfAbsent(
                            entry.network().address().length, k -> new TreeMap<>(java.util.Comparator.reverseOrder()))
                    .computeIfAbsent(entry.network().prefix(), k -> new HashMap<>())
                    .put(ByteBuffer.wrap(entry.network().address()), entry.line());
        }
    }

    /** The line of the longest network containing the subnet's address; null when none does or it is no address. */
    @Nullable
    Integer lineOf(String subnet) {
        byte[] address = IpNetwork.parseAddress(subnet);
        if (address == null) {
            return null;
        }
        var prefixes = byFamily.get(address.length);
        if (prefixes == null) {
            return null;
        }
        for (var byPrefix : prefixes.entrySet()) {
            Integer line = byPrefix.getValue().get(ByteBuffer.wrap(IpNetwork.masked(address, byPrefix.getKey())));
            if (line != null) {
                return line;
            }
        }
        return null;
    }
}
