package org.commsportal.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Reads a provider's OpenID Connect discovery document ({@code <issuer>/.well-known/openid-configuration}) with short
 * time-outs, and refuses one whose stated issuer is not exactly the configured one (OpenID Connect Discovery 1.0,
 * section 4.3), so that tokens are only ever checked against the issuer the administrator chose.
 */
@Component
class OidcDiscovery {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** What the portal needs of the document. */
    record Metadata(
            String issuer,
            String authorizationEndpoint,
            String tokenEndpoint,
            String jwksUri,
            @Nullable String userinfoEndpoint,
            @Nullable String endSessionEndpoint,
            List<String> tokenEndpointAuthMethods) {}

    /** Why discovery failed, in words for the administrator. */
    static final class DiscoveryFailed extends RuntimeException {
        DiscoveryFailed(String message) {
            super(message);
        }
    }

    private final RestClient http;

    OidcDiscovery() {
        var requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(TIMEOUT);
        requests.setReadTimeout(TIMEOUT);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    static String documentUrl(String issuer) {
        return (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration";
    }

    Metadata discover(String issuer) {
        String url = documentUrl(issuer);
        Map<?, ?> document;
        try {
            document = http.get()
                    .uri(URI.create(url))
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(Map.class);
        } catch (RestClientException | IllegalArgumentException e) {
            throw new DiscoveryFailed(
                    "The provider's configuration could not be read from " + url + ": " + rootMessage(e));
        }
        if (document == null) {
            throw new DiscoveryFailed("The provider's configuration at " + url + " is empty.");
        }
        String stated = text(document, "issuer");
        if (!issuer.equals(stated)) {
            throw new DiscoveryFailed("The provider's configuration at " + url + " names the issuer " + stated
                    + ", not " + issuer + ". Enter the issuer exactly as the provider states it.");
        }
        Object methods = document.get("token_endpoint_auth_methods_supported");
        return new Metadata(
                stated,
                required(document, "authorization_endpoint", url),
                required(document, "token_endpoint", url),
                required(document, "jwks_uri", url),
                text(document, "userinfo_endpoint"),
                text(document, "end_session_endpoint"),
                methods instanceof List<?> list
                        ? list.stream().map(String::valueOf).toList()
                        : List.of());
    }

    private static String required(Map<?, ?> document, String name, String url) {
        String value = text(document, name);
        if (value == null || value.isBlank()) {
            throw new DiscoveryFailed("The provider's configuration at " + url + " has no " + name + ".");
        }
        return value;
    }

    private static @Nullable String text(Map<?, ?> document, String name) {
        Object value = document.get(name);
        return value instanceof String text ? text : null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String text = root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
