package org.commsportal.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which receiver addresses the portal posts to (docs/alerts-and-webhooks.md, "Receiver addresses"): https only, to
 * public addresses, so that an endpoint cannot make the portal reach its own network or a cloud metadata service
 * (server-side request forgery). Hosts listed in {@code portal.webhooks.allowed-hosts} are exempt and may use
 * http (a receiver on the same host; the tests use 127.0.0.1). Checked when an endpoint is saved and again before
 * each attempt, as the host's addresses may have changed.
 */
@Component
class WebhookUrls {

    static final int MAX_LENGTH = 2000;

    private final Set<String> allowedHosts;

    WebhookUrls(@Value("${portal.webhooks.allowed-hosts:}") List<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream()
                .map(String::strip)
                .filter(host -> !host.isEmpty())
                .map(host -> host.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The URL as the portal will post to it.
     *
     * @throws WebhookProblem saying what is wrong with it
     */
    URI check(String text) {
        String url = text.strip();
        if (url.isEmpty()) {
            throw new WebhookProblem("Enter the receiver's URL, e.g. https://hooks.example.com/portal.");
        }
        if (url.length() > MAX_LENGTH) {
            throw new WebhookProblem("The URL is longer than " + MAX_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new WebhookProblem("'" + url + "' is not a URL: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new WebhookProblem("'" + url + "' is not an https URL with a host name.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new WebhookProblem("The URL must not carry a user name or password; the signature authenticates.");
        }
        if (uri.getRawFragment() != null) {
            throw new WebhookProblem("The URL must not have a #fragment.");
        }
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean allowed = allowedHosts.contains(bareHost.toLowerCase(Locale.ROOT));
        if (!allowed && !scheme.equals("https")) {
            throw new WebhookProblem("Only https URLs are accepted (" + url + " is " + scheme + ").");
        }
        if (!allowed) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(bareHost);
            } catch (UnknownHostException e) {
                throw new WebhookProblem("The host '" + bareHost + "' cannot be resolved.");
            }
            for (InetAddress address : addresses) {
                refuseInternal(address);
            }
        }
        return uri;
    }

    private static void refuseInternal(InetAddress address) {
        InetAddress a = unmapped(address);
        String shown = a.getHostAddress();
        if (a.isLinkLocalAddress() || isMetadata(a)) {
            throw new WebhookProblem("The URL points to a link-local or cloud metadata address (" + shown
                    + "): refused, as the portal would reach its own host's secrets.");
        }
        if (a.isAnyLocalAddress()
                || a.isLoopbackAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()
                || isOtherInternal(a)) {
            throw new WebhookProblem("The URL points to a private, loopback or otherwise internal address (" + shown
                    + "): refused. Webhooks go to public https receivers only.");
        }
    }

    /** An IPv4 address written as IPv6 (::ffff:a.b.c.d) is judged as the IPv4 address. */
    private static InetAddress unmapped(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address && b.length == 16) {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    return address;
                }
            }
        }
        return address;
    }

    private static boolean isMetadata(InetAddress a) {
        byte[] b = a.getAddress();
        // AWS's IPv6 metadata address fd00:ec2::254; the IPv4 one (169.254.169.254) is link-local
        return a instanceof Inet6Address
                && (b[0] & 0xff) == 0xfd
                && b[1] == 0
                && (b[2] & 0xff) == 0x0e
                && (b[3] & 0xff) == 0xc2;
    }

    private static boolean isOtherInternal(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || first >= 240; // reserved and broadcast
        }
        return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
    }
}
