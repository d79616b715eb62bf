package org.commsportal.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium. Browser tests are required when {@code browser.tests.required}
 * is true or {@code CI=true}; otherwise a machine without Chromium skips them with a loud message.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    public final WebDriver driver;
    final Path downloads;
    private final String baseUrl;

    private Browser(WebDriver driver, Path downloads, String baseUrl) {
        this.driver = driver;
        this.downloads = downloads;
        this.baseUrl = baseUrl;
    }

    public static Browser start(int port) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String message = "\n!!!!!!!! BROWSER TESTS SKIPPED: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing. "
                    + "Install them with: apt-get install chromium chromium-driver !!!!!!!!\n";
            boolean required =
                    Boolean.getBoolean("browser.tests.required") || "true".equalsIgnoreCase(System.getenv("CI"));
            if (required) {
                Assertions.fail(message);
            }
            System.err.println(message);
            Assumptions.abort(message);
        }
        Path downloads = Files.createTempDirectory("portal-downloads");
        var options = new ChromeOptions();
        options.setExperimentalOption(
                "prefs",
                java.util.Map.of(
                        "download.default_directory",
                        downloads.toAbsolutePath().toString(),
                        "download.prompt_for_download",
                        false));
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
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), downloads, "http://localhost:" + port);
    }

    public void open(String path) {
        driver.get(baseUrl + path);
        waitUntilIdle();
    }

    public void signIn(String username, String password) {
        open("/login");
        WebElement user = waitFor(By.cssSelector("vaadin-login-form vaadin-text-field input"));
        user.sendKeys(username);
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-password-field input"))
                .sendKeys(password, Keys.ENTER);
        wait(Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().endsWith("/login"));
        waitUntilIdle();
    }

    void signOutByCookies() {
        driver.manage().deleteAllCookies();
    }

    public WebElement waitFor(By locator) {
        return wait(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Opens the select with the id and clicks its item with the label. */
    void chooseInSelect(String id, String label) {
        waitFor(By.id(id)).click();
        wait(Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("vaadin-select-item")).stream()
                        .anyMatch(WebElement::isDisplayed));
        driver.findElements(By.cssSelector("vaadin-select-item")).stream()
                .filter(item -> item.getText().strip().equals(label))
                .findFirst()
                .orElseThrow()
                .click();
        waitUntilIdle();
    }

    /** Waits until no Vaadin client has a server round trip in flight. */
    void waitUntilIdle() {
        wait(Duration.ofSeconds(20))
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                        .executeScript("return !window.Vaadin || !window.Vaadin.Flow || !window.Vaadin.Flow.clients"
                                + " || Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive())")));
    }

    /**
     * A wait that checks its condition every 50 ms: Selenium's default of 500 ms added up to a quarter of a second to
     * each of the thousands of waits a run makes (page opens, round trips, typed searches).
     */
    WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.pollingEvery(Duration.ofMillis(50));
        return wait;
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Saves what the browser shows, for a person to look at after the run. */
    void screenshot(String name) throws java.io.IOException {
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.write(
                target,
                ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    /**
     * The first downloaded file with this extension, once the browser has finished writing it. Chromium reserves the
     * final name with an empty file and writes into a {@code .crdownload} beside it until the download completes, so
     * the name alone is not enough: no partial file may remain and the file's size must hold still between polls.
     */
    Path awaitDownload(String extension) {
        long[] lastSize = {-1};
        return wait(Duration.ofSeconds(30)).until(d -> {
            try (java.util.stream.Stream<Path> files = Files.list(downloads)) {
                List<Path> all = files.toList();
                if (all.stream().anyMatch(f -> f.toString().endsWith(".crdownload"))) {
                    return null;
                }
                Path found = all.stream()
                        .filter(f -> f.toString().endsWith(extension))
                        .findFirst()
                        .orElse(null);
                if (found == null) {
                    return null;
                }
                long size = Files.size(found);
                boolean settled = size > 0 && size == lastSize[0];
                lastSize[0] = size;
                return settled ? found : null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
    }

    /** The text of each rendered body row of a grid, visible columns only, in row order. */
    @SuppressWarnings("unchecked")
    List<List<String>> gridRows(String gridId) {
        waitUntilIdle();
        wait(Duration.ofSeconds(10))
                .until(d ->
                        Boolean.FALSE.equals(script("return document.getElementById(arguments[0]).loading", gridId)));
        return (List<List<String>>) script("""
                const grid = document.getElementById(arguments[0]);
                return [...grid.shadowRoot.querySelectorAll('#items tr')]
                    .filter(tr => !tr.hidden && tr.index !== undefined && tr.index < grid.size)
                    .sort((a, b) => a.index - b.index)
                    .map(tr => [...tr.querySelectorAll('td')].filter(td => !td.hidden).map(td => {
                        const slot = td.querySelector('slot');
                        const content = slot && slot.assignedNodes()[0];
                        return content ? content.textContent.trim() : '';
                    }));
                """, gridId);
    }

    /**
     * The visible columns of a grid whose header text does not line up with the first row's value: the left edges
     * for start-aligned values, the right edges for end-aligned ones, within 4 px; each with the boxes measured.
     */
    @SuppressWarnings("unchecked")
    List<String> misalignedHeaders(String gridId) {
        waitUntilIdle();
        return (List<String>) script("""
                const grid = document.getElementById(arguments[0]);
                const textBox = element => {
                    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT,
                        {acceptNode: n => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
                    const node = walker.nextNode();
                    if (!node) return null;
                    const range = document.createRange();
                    range.selectNodeContents(node);
                    return range.getBoundingClientRect();
                };
                const filled = tr => [...tr.querySelectorAll('td')].filter(td => !td.hidden && td.querySelector('slot')
                    && td.querySelector('slot').assignedNodes()[0]
                    && td.querySelector('slot').assignedNodes()[0].textContent.trim()).length;
                const rows = [...grid.shadowRoot.querySelectorAll('#items tr')].filter(tr => !tr.hidden)
                    .sort((a, b) => filled(b) - filled(a));
                const headerRow = grid.shadowRoot.querySelector('#header tr');
                const problems = [];
                if (!rows.length) {
                    return ['no rows to compare with'];
                }
                [...headerRow.querySelectorAll('th')].filter(th => !th.hidden).forEach((th, i) => {
                    const td = [...rows[0].querySelectorAll('td')].filter(td => !td.hidden)[i];
                    const head = textBox(th.querySelector('slot').assignedNodes()[0]);
                    const content = td.querySelector('slot').assignedNodes()[0];
                    const body = textBox(content);
                    if (!head || !body) return;
                    const align = getComputedStyle(content).textAlign;
                    const end = align === 'end' || align === 'right';
                    const offset = end ? head.right - body.right : head.left - body.left;
                    if (Math.abs(offset) > 4) {
                        const box = e => { const r = e.getBoundingClientRect(); return Math.round(r.left) + '-' + Math.round(r.right); };
                        const headContent = th.querySelector('slot').assignedNodes()[0];
                        problems.push(i + ': header ' + Math.round(head.left) + '-'
                            + Math.round(head.right) + ', value ' + Math.round(body.left) + '-' + Math.round(body.right)
                            + ' (' + align + '); th ' + box(th) + ' td ' + box(td) + ' header content ' + box(headContent)
                            + ' value content ' + box(content) + ' td padding ' + getComputedStyle(td).paddingLeft
                            + ' content padding ' + getComputedStyle(content).paddingLeft + '/'
                            + getComputedStyle(headContent).paddingLeft + ' ' + headContent.innerHTML.substring(0, 200));
                    }
                });
                return problems;
                """, gridId);
    }

    /**
     * The header and shown body cells of a grid whose text is cut (an ellipsis, or clipped at the cell's edge): any
     * element in the cell, its own shadow parts included, that clips what it holds sideways. Each with its text and
     * the widths measured.
     */
    @SuppressWarnings("unchecked")
    List<String> cutCells(String gridId) {
        waitUntilIdle();
        return (List<String>) script("""
                const grid = document.getElementById(arguments[0]);
                const cut = [];
                const clips = el => {
                    const style = getComputedStyle(el);
                    return style.display !== 'none' && style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1;
                };
                const walk = (el, text) => {
                    if (clips(el)) {
                        cut.push(text + ' (' + el.tagName.toLowerCase() + ' ' + el.scrollWidth + ' > ' + el.clientWidth + ')');
                        return;
                    }
                    [...el.children].forEach(child => walk(child, text));
                    if (el.shadowRoot) {
                        [...el.shadowRoot.children].forEach(child => walk(child, text));
                    }
                };
                [...grid.querySelectorAll('vaadin-grid-cell-content')].forEach(content => {
                    const td = content.assignedSlot && content.assignedSlot.parentElement;
                    const tr = td && td.parentElement;
                    const text = content.textContent.trim();
                    if (!td || td.hidden || !tr || tr.hidden || !text || td.getBoundingClientRect().width === 0) {
                        return;
                    }
                    walk(content, text.substring(0, 80));
                });
                return cut;
                """, gridId);
    }

    /** Per visible column of a grid, in order: whether it is resizable and whether it is frozen. */
    @SuppressWarnings("unchecked")
    List<List<Boolean>> columnFlags(String gridId) {
        waitUntilIdle();
        return (List<List<Boolean>>) script("""
                const grid = document.getElementById(arguments[0]);
                return grid._getColumns().filter(c => !c.hidden && c.localName !== 'vaadin-grid-column-group')
                    .sort((a, b) => a._order - b._order)
                    .map(c => [!!c.resizable, !!c.frozen]);
                """, gridId);
    }

    String currentPath() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
