package org.commsportal.rws;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.commsportal.DemoAccounts;

/** Requests to the reporting web service of the portal under test, over real HTTP. */
final class RwsHttp {

    /** Every entity set, in the order of the service document and $metadata. */
    static final java.util.List<String> ENTITY_SETS = java.util.List.of(
            "CsActiveUserDaily",
            "CsActiveUserWeekly",
            "CsActiveUserMonthly",
            "CsActiveUserYearly",
            "CsConferenceDaily",
            "CsConferenceWeekly",
            "CsConferenceMonthly",
            "CsP2PSessionDaily",
            "CsP2PSessionWeekly",
            "CsP2PSessionMonthly",
            "CsP2PAVTimeDaily",
            "CsP2PAVTimeWeekly",
            "CsP2PAVTimeMonthly",
            "CsAVConferenceTimeDaily",
            "CsAVConferenceTimeWeekly",
            "CsAVConferenceTimeMonthly",
            "CsPSTNConferenceTimeDaily",
            "CsPSTNConferenceTimeWeekly",
            "CsPSTNConferenceTimeMonthly");

    static final String ROOT = "/ecp/reportingwebservice/reporting.svc";

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;

    RwsHttp(int port) {
        this.port = port;
    }

    /** The service root URL as the service writes it into ids. */
    String root() {
        return "http://localhost:" + port + ROOT;
    }

    /** GET path?query as a demo account; the query's characters are encoded as a browser would. */
    HttpResponse<String> get(String path, String query, String account) throws Exception {
        return send("GET", path, query, basic(account, DemoAccounts.PASSWORD), Map.of());
    }

    HttpResponse<String> get(String path, String query, String account, String password, Map<String, String> headers)
            throws Exception {
        return send("GET", path, query, basic(account, password), headers);
    }

    HttpResponse<byte[]> bytes(String path, String query, String account, String password) throws Exception {
        var request = HttpRequest.newBuilder(uri(path, query)).GET();
        request.header("Authorization", basic(account, password));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Any method, with the given Authorization header value (null for none) and other headers. */
    HttpResponse<String> send(
            String method, String path, String query, String authorization, Map<String, String> headers)
            throws Exception {
        var request = HttpRequest.newBuilder(uri(path, query)).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String account, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((account + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The URL of path and query. The query is written as a person types it ({@code $filter=Date ge datetime'...'});
     * each name and value between {@code &} and {@code =} is percent-encoded here. A query starting with {@code !}
     * is sent as it is after the {@code !}, for raw malformed encodings.
     */
    URI uri(String path, String query) {
        String encoded;
        if (query.startsWith("!")) {
            encoded = query.substring(1);
        } else {
            StringBuilder built = new StringBuilder();
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                built.append(built.isEmpty() ? "" : "&");
                if (equals < 0) {
                    built.append(encode(pair));
                } else {
                    built.append(encode(pair.substring(0, equals)))
                            .append('=')
                            .append(encode(pair.substring(equals + 1)));
                }
            }
            encoded = built.toString();
        }
        return URI.create("http://localhost:" + port + path + (encoded.isEmpty() ? "" : "?" + encoded));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
