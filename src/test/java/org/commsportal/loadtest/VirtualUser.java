package org.commsportal.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commsportal.loadtest.RecordedFlow.Exchange;
import org.commsportal.loadtest.RecordedFlow.Kind;
import org.commsportal.loadtest.RecordedFlow.Step;
import org.jspecify.annotations.Nullable;

/**
 * One signed-in administrator replaying the recorded flow over HTTP, as the browser's Vaadin client would: its own
 * cookies (the session), the sign-in form's CSRF token from the page, and per UI the id and security key that
 * {@code v-r=init} returned, the server's last sync id and an increasing client id. Node ids are sent as
 * recorded: Vaadin numbers a UI's nodes in creation order, so the same flow gives the same ids, and each reply's
 * set of created, removed and inserted nodes is compared with the recorded reply's to prove it.
 */
final class VirtualUser {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern UI_ID = Pattern.compile("v-uiId=\\d+");
    private static final String UIDL_PREFIX = "for(;;);";

    private final HttpClient http;
    private final String baseUrl;
    private final String username;
    private final String password;
    private final ObjectMapper json = new ObjectMapper();

    private @Nullable String formCsrfToken;
    private int uiId = -1;
    private @Nullable String securityKey;
    private long syncId;
    private long clientId;

    VirtualUser(int port, String username, String password) {
        this.baseUrl = "http://localhost:" + port;
        this.username = username;
        this.password = password;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    String username() {
        return username;
    }

    /** A request that creates no session, so the client's connection and buffers exist before the heap baseline. */
    void warmUp() throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/VAADIN/themes/portal/styles.css"))
                .GET());
    }

    /** The sign-in page and the form post; the sign-in page's own UI is not needed for that and is left out. */
    void signIn(Step recorded) throws IOException, InterruptedException {
        for (Exchange exchange : recorded.exchanges()) {
            if (exchange.kind() == Kind.DOCUMENT) {
                replay(exchange, new StringBuilder());
            } else if (exchange.kind() == Kind.SIGN_IN_FORM) {
                replay(exchange, new StringBuilder());
                return;
            }
        }
        throw new IllegalStateException("The recorded sign-in has no form post");
    }

    /**
     * Replays one step; returns every reply body of the step concatenated (for the step's content check) and adds
     * each request's time in nanoseconds to {@code nanosPerExchange}.
     */
    String replay(Step step, long[] nanosPerExchange) throws IOException, InterruptedException {
        var replies = new StringBuilder();
        List<Exchange> exchanges = step.exchanges();
        for (int i = 0; i < exchanges.size(); i++) {
            long started = System.nanoTime();
            replay(exchanges.get(i), replies);
            nanosPerExchange[i] = System.nanoTime() - started;
        }
        return replies.toString();
    }

    private void replay(Exchange exchange, StringBuilder replies) throws IOException, InterruptedException {
        switch (exchange.kind()) {
            case DOCUMENT -> {
                HttpResponse<String> response =
                        send(HttpRequest.newBuilder(uri(exchange.path())).GET().header("Accept", "text/html"));
                expectStatus(exchange, response, 200);
                Matcher csrf = CSRF_META.matcher(response.body());
                formCsrfToken = csrf.find() ? csrf.group(1) : null;
                replies.append(response.body());
            }
            case SIGN_IN_FORM -> {
                if (formCsrfToken == null) {
                    throw new ReplayException("No CSRF token on the sign-in page");
                }
                String form = "_csrf=" + encode(formCsrfToken) + "&username=" + encode(username) + "&password="
                        + encode(password);
                HttpResponse<String> response = send(HttpRequest.newBuilder(uri(exchange.path()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
                expectStatus(exchange, response, 302);
                String location = response.headers().firstValue("Location").orElse("");
                if (location.contains("error") || location.contains("login")) {
                    throw new ReplayException("Sign-in of " + username + " refused: redirected to " + location);
                }
            }
            case INIT -> {
                HttpResponse<String> response =
                        send(HttpRequest.newBuilder(uri(exchange.path())).GET());
                expectStatus(exchange, response, 200);
                JsonNode config = json.readTree(response.body()).path("appConfig");
                JsonNode uidl = config.path("uidl");
                if (!config.has("v-uiId") || !uidl.has("Vaadin-Security-Key")) {
                    throw new ReplayException("No UI in the init reply: " + abbreviate(response.body()));
                }
                uiId = config.get("v-uiId").asInt();
                securityKey = uidl.get("Vaadin-Security-Key").asText();
                syncId = uidl.path("syncId").asLong();
                clientId = 0;
                replies.append(response.body());
            }
            case UIDL -> {
                if (securityKey == null || exchange.body() == null) {
                    throw new ReplayException("A UIDL request before any UI");
                }
                ObjectNode message = (ObjectNode) json.readTree(exchange.body());
                message.put("csrfToken", securityKey);
                message.put("syncId", syncId);
                message.put("clientId", clientId);
                String path = UI_ID.matcher(exchange.path()).replaceFirst("v-uiId=" + uiId);
                HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(message))));
                expectStatus(exchange, response, 200);
                String body = response.body();
                if (!body.startsWith(UIDL_PREFIX)) {
                    throw new ReplayException("Not a UIDL reply: " + abbreviate(body));
                }
                JsonNode reply =
                        json.readTree(body.substring(UIDL_PREFIX.length())).get(0);
                checkUidlReply(exchange, reply, body);
                syncId = reply.get("syncId").asLong();
                clientId++;
                replies.append(body);
            }
        }
    }

    /**
     * The server took the message as the next one of this UI (client id advanced, a newer sync id), reported no
     * error or expired session, and created, removed and inserted the same nodes as it did for the browser.
     */
    private void checkUidlReply(Exchange exchange, JsonNode reply, String body) throws IOException {
        if (reply.has("appError")
                || reply.path("meta").has("sessionExpired")
                || reply.has("resynchronize")
                || reply.path("meta").has("appError")) {
            throw new ReplayException("Error reply: " + abbreviate(body));
        }
        if (reply.path("clientId").asLong(-1) != clientId + 1
                || reply.path("syncId").asLong(-1) <= syncId) {
            throw new ReplayException(
                    "Out of step: sent clientId " + clientId + " syncId " + syncId + ", got " + abbreviate(body));
        }
        if (exchange.responseBody() != null && exchange.responseBody().startsWith(UIDL_PREFIX)) {
            JsonNode recorded = json.readTree(exchange.responseBody().substring(UIDL_PREFIX.length()))
                    .get(0);
            Set<Integer> expected = structuralNodes(recorded);
            Set<Integer> actual = structuralNodes(reply);
            if (!expected.equals(actual)) {
                throw new ReplayException("The reply attached, detached or inserted nodes "
                        + abbreviate(actual.toString()) + ", the recorded one " + abbreviate(expected.toString()));
            }
        }
    }

    /**
     * The nodes a reply creates, removes or inserts: what depends on the node ids the client sends. (Property and
     * text changes are left out: a text that happens to be unchanged, such as a timestamp read in the same second,
     * sends no change.)
     */
    private static Set<Integer> structuralNodes(JsonNode reply) {
        Set<Integer> nodes = new TreeSet<>();
        for (JsonNode change : reply.path("changes")) {
            String type = change.path("type").asText();
            if (type.equals("attach") || type.equals("detach")) {
                nodes.add(change.path("node").asInt());
            }
            for (JsonNode added : change.path("addNodes")) {
                nodes.add(added.asInt());
            }
        }
        return nodes;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(
                request.timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static void expectStatus(Exchange exchange, HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new ReplayException(exchange.method() + " " + exchange.path() + ": HTTP " + response.statusCode()
                    + " (expected " + status + ") "
                    + response.headers().firstValue("Location").orElse("")
                    + abbreviate(response.body()));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** What one request in a step does, for the per-request table. */
    static List<String> labels(Step step) {
        var mapper = new ObjectMapper();
        List<String> labels = new ArrayList<>();
        for (Exchange exchange : step.exchanges()) {
            String label = switch (exchange.kind()) {
                case DOCUMENT -> "GET " + exchange.path();
                case SIGN_IN_FORM -> "POST " + exchange.path();
                case INIT -> "v-r=init";
                case UIDL -> "uidl " + rpcSummary(mapper, exchange.body());
            };
            labels.add(label);
        }
        return labels;
    }

    private static String rpcSummary(ObjectMapper mapper, @Nullable String body) {
        if (body == null) {
            return "";
        }
        try {
            Set<String> parts = new java.util.LinkedHashSet<>();
            for (JsonNode rpc : mapper.readTree(body).path("rpc")) {
                String type = rpc.path("type").asText();
                parts.add(
                        switch (type) {
                            case "event" -> rpc.path("event").asText();
                            case "mSync" -> "sync " + rpc.path("property").asText();
                            case "publishedEventHandler" ->
                                rpc.path("templateEventMethodName").asText() + "()";
                            default -> type;
                        });
            }
            String summary = String.join(", ", parts);
            return summary.length() > 60 ? summary.substring(0, 57) + "..." : summary;
        } catch (IOException e) {
            return "?";
        }
    }

    /** A reply that shows the replay did not do what the browser did. */
    static final class ReplayException extends RuntimeException {
        ReplayException(String message) {
            super(message);
        }
    }
}
