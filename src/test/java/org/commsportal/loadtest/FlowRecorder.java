package org.commsportal.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.commsportal.loadtest.RecordedFlow.Exchange;
import org.commsportal.loadtest.RecordedFlow.Kind;
import org.commsportal.loadtest.RecordedFlow.Step;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Records the administrator's flow once in headless Chromium: Chrome's performance log gives every request the page
 * sent (URL, method, body), and the DevTools command {@code Network.getResponseBody} the response each got. Each
 * step ends when no Vaadin client has a round trip in flight and no new request followed.
 */
final class FlowRecorder implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    static final String OPEN_PEER_TO_PEER = "open peer-to-peer page";
    static final String SWITCH_PERIOD = "switch period D7 -> D30";
    static final String OPEN_SESSION_DETAILS = "open session details";
    static final String CHOOSE_USER = "choose user";
    static final String SEARCH = "search";

    /** The user, range and result the session details search uses. */
    record Search(String alias, String from, String to, String expectedSummary) {}

    private final ChromeDriver driver;
    private final String baseUrl;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Step> steps = new ArrayList<>();

    private FlowRecorder(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    static FlowRecorder start(int port) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String message = "The load test records its flow in Chromium: " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing. Install them with: apt-get install chromium chromium-driver";
            if (Boolean.getBoolean("browser.tests.required") || "true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1400,1800",
                "--user-data-dir="
                        + Files.createTempDirectory("chromium-profile").toAbsolutePath());
        var logging = new LoggingPreferences();
        logging.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new FlowRecorder(new ChromeDriver(service, options), "http://localhost:" + port);
    }

    /** Signs in, then walks the flow the load test replays; fails if the browser does not see the expected result. */
    RecordedFlow record(String username, String password, Search search) throws Exception {
        step(RecordedFlow.SIGN_IN, () -> {
            driver.get(baseUrl + "/login");
            waitUntilIdle();
            waitFor(By.cssSelector("vaadin-login-form vaadin-text-field input")).sendKeys(username);
            driver.findElement(By.cssSelector("vaadin-login-form vaadin-password-field input"))
                    .sendKeys(password, Keys.ENTER);
            wait(Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().endsWith("/login"));
        });
        step(OPEN_PEER_TO_PEER, () -> {
            driver.get(baseUrl + "/usage/peer-to-peer-activity");
            waitFor(By.id("user-table"));
        });
        step(SWITCH_PERIOD, () -> {
            waitFor(By.id("period")).click();
            wait(Duration.ofSeconds(10))
                    .until(d -> d.findElements(By.cssSelector("vaadin-select-item")).stream()
                            .anyMatch(WebElement::isDisplayed));
            driver.findElements(By.cssSelector("vaadin-select-item")).stream()
                    .filter(item -> item.getText().strip().equals("Last 30 days"))
                    .findFirst()
                    .orElseThrow()
                    .click();
            wait(Duration.ofSeconds(20))
                    .until(d -> Long.valueOf(30)
                            .equals(script("const c = document.getElementById('activity-chart').configuration;"
                                    + " return c && c.series.length > 0 ? c.series[0].points.length : -1")));
        });
        step(OPEN_SESSION_DETAILS, () -> {
            driver.findElement(By.cssSelector("#usage-group vaadin-side-nav-item[path$='usage/session-details']"))
                    .click();
            waitFor(By.id("session-details"));
        });
        step(CHOOSE_USER, () -> {
            driver.findElement(By.cssSelector("#user-search input")).sendKeys(search.alias());
            WebElement item = wait(Duration.ofSeconds(10))
                    .until(d -> d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                            .filter(i -> i.getText().startsWith(search.alias() + "@"))
                            .findFirst()
                            .orElse(null));
            item.click();
        });
        step(SEARCH, () -> {
            setDateTime("from", search.from());
            setDateTime("to", search.to());
            driver.findElement(By.id("search")).click();
            wait(Duration.ofSeconds(20))
                    .until(d -> d.findElement(By.id("result-summary")).getText().startsWith(search.expectedSummary()));
        });
        return new RecordedFlow(List.copyOf(steps));
    }

    private interface Action {
        void run() throws Exception;
    }

    /** Runs one step and keeps the requests it caused, with their responses. */
    private void step(String name, Action action) throws Exception {
        waitUntilQuiet();
        performanceLog(); // drop what came before
        action.run();
        List<LogEntry> entries = waitUntilQuiet();
        steps.add(new Step(name, exchanges(entries)));
    }

    /** Waits until Vaadin is idle and no request was sent for a moment; returns the log entries seen meanwhile. */
    private List<LogEntry> waitUntilQuiet() throws InterruptedException {
        List<LogEntry> entries = new ArrayList<>();
        while (true) {
            waitUntilIdle();
            Thread.sleep(400);
            waitUntilIdle();
            List<LogEntry> more = performanceLog();
            entries.addAll(more);
            if (more.stream().noneMatch(e -> e.getMessage().contains("\"Network.requestWillBeSent\""))) {
                return entries;
            }
        }
    }

    private List<LogEntry> performanceLog() {
        return driver.manage().logs().get(LogType.PERFORMANCE).getAll();
    }

    private List<Exchange> exchanges(List<LogEntry> entries) throws Exception {
        record Sent(
                Kind kind,
                String method,
                String path,
                @Nullable String body) {}
        Map<String, List<Sent>> sentById = new LinkedHashMap<>();
        Map<String, Integer> statusById = new LinkedHashMap<>();
        Map<Sent, Integer> redirectStatus = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (LogEntry entry : entries) {
            JsonNode message = json.readTree(entry.getMessage()).get("message");
            String method = message.get("method").asText();
            JsonNode params = message.get("params");
            String id = params.path("requestId").asText();
            if (method.equals("Network.requestWillBeSent")) {
                JsonNode request = params.get("request");
                String url = request.get("url").asText();
                if (!url.startsWith(baseUrl + "/")) {
                    continue;
                }
                String path = url.substring(baseUrl.length());
                String type = params.path("type").asText();
                String httpMethod = request.get("method").asText();
                Kind kind = kind(type, httpMethod, path);
                List<Sent> sent = sentById.computeIfAbsent(id, k -> new ArrayList<>());
                if (params.has("redirectResponse") && !sent.isEmpty()) {
                    redirectStatus.put(
                            sent.get(sent.size() - 1),
                            params.get("redirectResponse").get("status").asInt());
                }
                if (kind == null) {
                    continue;
                }
                String body = request.has("postData") ? request.get("postData").asText() : null;
                if (body == null && request.path("hasPostData").asBoolean()) {
                    Map<String, Object> data =
                            driver.executeCdpCommand("Network.getRequestPostData", Map.of("requestId", id));
                    body = String.valueOf(data.get("postData"));
                }
                if (kind == Kind.SIGN_IN_FORM && body != null) {
                    body = body.replaceAll("password=[^&]*", "password=(not-kept)"); // the replay posts its own
                }
                sent.add(new Sent(kind, httpMethod, path, body));
                if (!order.contains(id)) {
                    order.add(id);
                }
            } else if (method.equals("Network.responseReceived")) {
                statusById.put(id, params.get("response").get("status").asInt());
            }
        }
        List<Exchange> exchanges = new ArrayList<>();
        for (String id : order) {
            List<Sent> sent = sentById.get(id);
            for (int i = 0; i < sent.size(); i++) {
                Sent s = sent.get(i);
                boolean last = i == sent.size() - 1;
                int status = last ? statusById.getOrDefault(id, 0) : redirectStatus.getOrDefault(s, 0);
                exchanges.add(
                        new Exchange(s.kind(), s.method(), s.path(), s.body(), status, last ? responseBody(id) : null));
            }
        }
        return exchanges;
    }

    private static @Nullable Kind kind(String type, String method, String path) {
        if (type.equals("Document")) {
            return method.equals("POST") && path.startsWith("/login") ? Kind.SIGN_IN_FORM : Kind.DOCUMENT;
        }
        if (path.contains("v-r=init")) {
            return Kind.INIT;
        }
        if (path.contains("v-r=uidl")) {
            return Kind.UIDL;
        }
        return null; // static resources, heartbeats
    }

    private @Nullable String responseBody(String requestId) {
        try {
            Map<String, Object> body =
                    driver.executeCdpCommand("Network.getResponseBody", Map.of("requestId", requestId));
            return String.valueOf(body.get("body"));
        } catch (RuntimeException e) {
            return null; // a document the browser already navigated away from
        }
    }

    private void setDateTime(String id, String isoValue) {
        script("""
                const picker = document.getElementById(arguments[0]);
                picker.value = arguments[1];
                picker.dispatchEvent(new CustomEvent('change', {bubbles: true}));
                """, id, isoValue);
        waitUntilIdle();
    }

    private WebElement waitFor(By locator) {
        return wait(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private void waitUntilIdle() {
        wait(Duration.ofSeconds(30))
                .until(d -> Boolean.TRUE.equals(
                        script("return document.readyState === 'complete' && (!window.Vaadin || !window.Vaadin.Flow"
                                + " || !window.Vaadin.Flow.clients"
                                + " || Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive()))")));
    }

    private WebDriverWait wait(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    private @Nullable Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
