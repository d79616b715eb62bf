package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The session details page as an administrator uses it, in headless Chromium on the production build. */
@PortalIntegrationTest
class SessionDetailsBrowserIT extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void an_administrator_finds_a_user_groups_by_two_columns_opens_a_session_and_exports_csv() throws Exception {
        record Busy(String alias, long userId) {}
        Busy busy = jdbc.sql("""
                SELECT u.alias, u.id FROM licensed_user u JOIN tenant t ON t.id = u.tenant_id AND t.name = 'contoso.example'
                JOIN comm_session s ON s.tenant_id = u.tenant_id AND s.from_user_id = u.id AND s.media_mask & 16
                GROUP BY u.id, u.alias ORDER BY COUNT(*) DESC, u.id LIMIT 1
                """)
                .query((rs, n) -> new Busy(rs.getString(1), rs.getLong(2)))
                .single();
        LocalDate lastDay = org.commsportal.DemoDays.lastDay(jdbc);
        LocalDate from = lastDay.minusDays(9);
        long expected = jdbc.sql("""
                SELECT COUNT(*) FROM comm_session
                WHERE (from_user_id = :u OR to_user_id = :u) AND start_time >= :from AND start_time < :to
                """)
                .param("u", busy.userId())
                .param("from", from.atStartOfDay())
                .param("to", lastDay.plusDays(1).atStartOfDay())
                .query(Long.class)
                .single();

        browser.signIn("global.admin", "portal-demo-2026");
        browser.open("/usage/session-details");
        assertThat(browser.waitFor(By.id("time-zone")).getText()).isEqualTo("Times in UTC");

        browser.driver.findElement(By.id("search")).click();
        browser.waitUntilIdle();
        assertThat(browser.driver.findElement(By.cssSelector("#user-search")).getAttribute("invalid"))
                .isNotNull();
        assertThat(browser.driver
                        .findElement(By.cssSelector("#user-search [slot=error-message]"))
                        .getText())
                .startsWith("Choose a user");

        browser.driver.findElement(By.cssSelector("#user-search input")).sendKeys(busy.alias());
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                        .anyMatch(item -> item.getText().startsWith(busy.alias() + "@")));
        browser.driver.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                .filter(item -> item.getText().startsWith(busy.alias() + "@"))
                .findFirst()
                .orElseThrow()
                .click();
        browser.waitUntilIdle();
        setDateTime("from", from + "T00:00");
        setDateTime("to", lastDay.plusDays(1) + "T00:00");
        browser.driver.findElement(By.id("search")).click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("result-summary"))
                        .getText()
                        .startsWith(expected + " sessions of " + busy.alias() + "@contoso.example"));
        assertThat(gridSize()).isEqualTo(expected);

        dragHeaderToGroupBar("MEDIA_TYPES");
        browser.waitFor(By.id("group-chip-MEDIA_TYPES"));
        dragHeaderToGroupBar("RESPONSE_CODE");
        browser.waitFor(By.id("group-chip-RESPONSE_CODE"));
        browser.waitUntilIdle();
        List<String> mediaGroups = toggles().stream().map(WebElement::getText).toList();
        assertThat(mediaGroups)
                .isNotEmpty()
                .allSatisfy(
                        label -> assertThat(label).matches("Media types description: (P2P|Conference): .+ \\(\\d+\\)"));
        long grouped =
                mediaGroups.stream().mapToLong(SessionDetailsBrowserIT::count).sum();
        assertThat(grouped).isEqualTo(expected);

        WebElement audioGroup = toggles().stream()
                .filter(t -> t.getText().startsWith("Media types description: P2P: Audio ("))
                .findFirst()
                .orElseThrow();
        long audioSessions = count(audioGroup.getText());
        audioGroup.click();
        browser.waitUntilIdle();
        List<WebElement> codes = browser.wait(Duration.ofSeconds(10)).until(d -> {
            List<WebElement> found = toggles().stream()
                    .filter(t -> t.getText().startsWith("Response Code: "))
                    .toList();
            return found.isEmpty() ? null : found;
        });
        assertThat(codes.stream().mapToLong(t -> count(t.getText())).sum()).isEqualTo(audioSessions);
        codes.get(0).click();
        browser.waitUntilIdle();
        browser.screenshot("session-details-grouped");
        assertThat(browser.misalignedHeaders("session-table"))
                .as("grouped: headers over their values")
                .isEmpty();

        // a session row: its Dialog ID cell is the only one holding a from-tag
        WebElement dialogCell = browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("#session-table vaadin-grid-cell-content")).stream()
                        .filter(cell -> cell.getText().contains(";from-tag="))
                        .findFirst()
                        .orElse(null));
        dialogCell.click();
        WebElement tabs = browser.waitFor(By.cssSelector("#session-table .session-quality vaadin-tabsheet"));
        assertThat(tabs.findElements(By.cssSelector("vaadin-tab")).stream()
                        .map(t -> t.getText().strip())
                        .toList())
                .containsExactly(
                        "SESSION",
                        "MEDIALINES",
                        "AUDIOSTREAMS",
                        "AUDIOCLIENTEVENTS",
                        "AUDIOSIGNALS",
                        "APPSHARINGSTREAMS",
                        "VIDEOCLIENTEVENTS",
                        "VIDEOSTREAMS",
                        "TRACEROUTES",
                        "FEEDBACKREPORTS");
        openTab("AUDIOSTREAMS");
        browser.waitUntilIdle();
        WebElement audioTable = browser.wait(Duration.ofSeconds(10))
                .until(d -> tabs.findElements(By.cssSelector(".quality-table")).stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .orElse(null));
        assertThat(audioTable.getText()).contains("Verdict", "Jitter avg (ms)", "Packet loss rate avg (%)", "From");
        openTab("VIDEOSTREAMS");
        browser.waitUntilIdle();
        assertThat(tabs.findElements(By.cssSelector(".no-data")).stream()
                        .filter(WebElement::isDisplayed)
                        .map(WebElement::getText)
                        .toList())
                .containsExactly("No data for this session");
        browser.screenshot("session-details-sub-tabs");

        browser.driver.findElement(By.id("remove-group-RESPONSE_CODE")).click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElements(By.id("group-chip-RESPONSE_CODE")).isEmpty());

        browser.driver.findElement(By.id("export-csv")).click();
        Path csv = browser.awaitDownload(".csv");
        byte[] bytes = Files.readAllBytes(csv);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines =
                new String(bytes, StandardCharsets.UTF_8).substring(1).lines().toList();
        assertThat(lines.get(0))
                .startsWith("Dialog ID,Media types description,Start time (UTC),End time (UTC),From URI,")
                .endsWith(",Response Code,Quality");
        assertThat(lines).hasSize((int) expected + 1);
        assertThat(lines.subList(1, lines.size()))
                .allSatisfy(line -> assertThat(line).contains("sip:" + busy.alias() + "@contoso.example"));
    }

    @Test
    void sessions_without_media_streams_say_so_in_the_quality_cell_group_and_export() throws Exception {
        record Chatty(String alias, long userId, long withoutStreams) {}
        Chatty chatty = jdbc.sql("""
                SELECT u.alias, u.id, COUNT(*) FROM licensed_user u
                JOIN tenant t ON t.id = u.tenant_id AND t.name = 'contoso.example'
                JOIN comm_session s ON s.tenant_id = u.tenant_id AND s.from_user_id = u.id AND s.quality_rank = 0
                GROUP BY u.id, u.alias ORDER BY COUNT(*) DESC, u.id LIMIT 1
                """)
                .query((rs, n) -> new Chatty(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .single();
        LocalDate first = jdbc.sql("SELECT DATE(MIN(start_time)) FROM comm_session WHERE from_user_id = :u")
                .param("u", chatty.userId())
                .query(LocalDate.class)
                .single();
        LocalDate last = jdbc.sql("SELECT DATE(MAX(start_time)) FROM comm_session WHERE from_user_id = :u")
                .param("u", chatty.userId())
                .query(LocalDate.class)
                .single();
        long expected = jdbc.sql("""
                SELECT COUNT(*) FROM comm_session
                WHERE (from_user_id = :u OR to_user_id = :u) AND quality_rank = 0 AND start_time >= :from AND start_time < :to
                """)
                .param("u", chatty.userId())
                .param("from", first.atStartOfDay())
                .param("to", last.plusDays(1).atStartOfDay())
                .query(Long.class)
                .single();

        browser.signIn("global.admin", "portal-demo-2026");
        browser.open("/usage/session-details");
        browser.waitFor(By.cssSelector("#user-search input")).sendKeys(chatty.alias());
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                        .anyMatch(item -> item.getText().startsWith(chatty.alias() + "@")));
        browser.driver.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                .filter(item -> item.getText().startsWith(chatty.alias() + "@"))
                .findFirst()
                .orElseThrow()
                .click();
        browser.waitUntilIdle();
        setDateTime("from", first + "T00:00");
        setDateTime("to", last.plusDays(1) + "T00:00");
        browser.driver.findElement(By.id("search")).click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> !d.findElement(By.id("result-summary")).getText().isEmpty());
        assertThat(browser.gridRows("session-table"))
                .as("ungrouped: a session's Quality cell")
                .anySatisfy(row -> assertThat(row.get(row.size() - 1)).isEqualTo("No media streams"))
                .noneSatisfy(row -> assertThat(row.get(row.size() - 1)).isEmpty());

        dragHeaderToGroupBar("QUALITY");
        browser.waitFor(By.id("group-chip-QUALITY"));
        List<String> groups = toggles().stream().map(WebElement::getText).toList();
        assertThat(groups)
                .contains("Quality: No media streams (" + expected + ")")
                .noneSatisfy(label -> assertThat(label).contains("(empty)"));
        browser.screenshot("session-details-no-media-streams");

        try (var earlier = Files.list(browser.downloads)) {
            earlier.forEach(file -> file.toFile().delete());
        }
        browser.driver.findElement(By.id("export-csv")).click();
        Path csv = browser.awaitDownload(".csv");
        List<String> lines = new String(Files.readAllBytes(csv), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(lines.stream()
                        .filter(line -> line.endsWith(",No media streams"))
                        .count())
                .isEqualTo(expected);
        Files.delete(csv);
    }

    @Test
    void columns_fit_their_headers_and_values_and_the_dialog_id_stays_in_view() throws Exception {
        String alias = jdbc.sql("""
                SELECT u.alias FROM licensed_user u JOIN tenant t ON t.id = u.tenant_id AND t.name = 'contoso.example'
                JOIN comm_session s ON s.tenant_id = u.tenant_id AND s.from_user_id = u.id
                GROUP BY u.id, u.alias ORDER BY COUNT(*) DESC, u.id LIMIT 1
                """).query(String.class).single();
        browser.signIn("global.admin", "portal-demo-2026");
        browser.open("/usage/session-details");
        browser.waitFor(By.cssSelector("#user-search input")).sendKeys(alias);
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                        .anyMatch(item -> item.getText().startsWith(alias + "@")));
        browser.driver.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                .filter(item -> item.getText().startsWith(alias + "@"))
                .findFirst()
                .orElseThrow()
                .click();
        browser.waitUntilIdle();
        LocalDate lastDay = org.commsportal.DemoDays.lastDay(jdbc);
        setDateTime("from", lastDay.minusDays(20) + "T00:00");
        browser.driver.findElement(By.id("search")).click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> !d.findElement(By.id("result-summary")).getText().isEmpty());
        browser.waitUntilIdle();
        Thread.sleep(500); // the widths follow the first rows

        @SuppressWarnings("unchecked")
        List<String> truncated = (List<String>) browser.script("""
                return [...document.querySelectorAll('#session-table .session-column-header')]
                    .filter(h => h.offsetParent !== null)
                    .filter(h => h.getBoundingClientRect().right
                        > h.closest('vaadin-grid-cell-content').getBoundingClientRect().right + 1)
                    .map(h => h.textContent);
                """);
        assertThat(truncated).as("headers cut short").isEmpty();
        browser.gridRows("session-table");
        assertThat(browser.misalignedHeaders("session-table"))
                .as("headers over their values")
                .isEmpty();
        @SuppressWarnings("unchecked")
        var first = (java.util.Map<String, Object>) browser.script("""
                const column = [...document.querySelectorAll('#session-table vaadin-grid-column')].find(c => !c.hidden);
                return {frozen: column.frozen, resizable: column.resizable, width: parseFloat(getComputedStyle(
                    document.querySelector('#session-table [data-column="DIALOG_ID"]').closest('vaadin-grid-cell-content')
                    .assignedSlot.parentElement).width)};
                """);
        assertThat(first.get("frozen")).isEqualTo(true);
        assertThat(first.get("resizable")).isEqualTo(true);
        assertThat(((Number) first.get("width")).doubleValue())
                .as("the dialog id column")
                .isLessThan(400);
        browser.screenshot("session-details-columns");
    }

    @Test
    void the_search_grouping_and_columns_travel_in_the_address_and_a_real_name_finds_nobody_for_a_concealed_viewer()
            throws Exception {
        record Busy(String upn, long userId) {}
        Busy busy = jdbc.sql("""
                SELECT u.upn, u.id FROM licensed_user u JOIN tenant t ON t.id = u.tenant_id AND t.name = 'contoso.example'
                JOIN comm_session s ON s.tenant_id = u.tenant_id AND s.from_user_id = u.id
                GROUP BY u.id, u.upn ORDER BY COUNT(*) DESC, u.id LIMIT 1
                """)
                .query((rs, n) -> new Busy(rs.getString(1), rs.getLong(2)))
                .single();
        LocalDate lastDay = org.commsportal.DemoDays.lastDay(jdbc);
        LocalDate from = lastDay.minusDays(6);
        long expected = jdbc.sql("""
                SELECT COUNT(*) FROM comm_session
                WHERE (from_user_id = :u OR to_user_id = :u) AND start_time >= :from AND start_time < :to
                """)
                .param("u", busy.userId())
                .param("from", from.atStartOfDay())
                .param("to", lastDay.plusDays(1).atStartOfDay())
                .query(Long.class)
                .single();
        String link = "/usage/session-details?user=" + busy.upn() + "&start=" + from + "T00:00&end="
                + lastDay.plusDays(1) + "T00:00&group=MEDIA_TYPES&columns=DIALOG_ID,START_TIME,QUALITY";

        browser.signIn("global.admin", "portal-demo-2026");
        browser.open(link);
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("result-summary"))
                        .getText()
                        .startsWith(expected + " sessions of " + busy.upn()));
        browser.waitFor(By.id("group-chip-MEDIA_TYPES"));
        assertThat(address())
                .contains(
                        "user=" + busy.upn(),
                        "start=" + from + "T00:00",
                        "end=" + lastDay.plusDays(1) + "T00:00",
                        "group=MEDIA_TYPES",
                        "columns=DIALOG_ID,START_TIME,QUALITY");
        browser.screenshot("session-details-opened-from-a-link");

        browser.driver.findElement(By.id("remove-group-MEDIA_TYPES")).click();
        browser.wait(Duration.ofSeconds(10)).until(d -> !address().contains("group="));
        assertThat(gridSize()).isEqualTo(expected);

        browser.open("/usage/session-details?start=yesterday&group=NOPE&user=" + busy.upn());
        browser.wait(Duration.ofSeconds(10)).until(d -> notifications().stream().anyMatch(t -> t.contains("NOPE")));
        assertThat(notifications().stream()
                        .filter(t -> t.contains("NOPE"))
                        .findFirst()
                        .orElseThrow())
                .contains("start \"yesterday\"", "group \"NOPE\"")
                .doesNotContain("Exception");

        String realName = jdbc.sql("""
                        SELECT u.upn FROM licensed_user u JOIN tenant t ON t.id = u.tenant_id
                        WHERE t.name = 'fabrikam.example' ORDER BY u.id LIMIT 1
                        """).query(String.class).single();
        browser.signIn("global.admin@fabrikam.example", "portal-demo-2026");
        browser.open("/usage/session-details?user=" + realName + "&start=" + from + "T00:00");
        browser.wait(Duration.ofSeconds(10))
                .until(d -> notifications().stream().anyMatch(t -> t.contains("is no pseudonym")));
        browser.waitUntilIdle();
        assertThat(browser.driver.findElement(By.id("result-summary")).getText())
                .isEmpty();
        assertThat(browser.driver.findElement(By.cssSelector("#user-search")).getAttribute("invalid"))
                .as("no user was chosen: the search asks for one")
                .isNotNull();
    }

    @Test
    void on_a_phone_an_administrator_types_a_search_of_every_user_and_its_address_opens_it_again() throws Exception {
        LocalDate lastDay = org.commsportal.DemoDays.lastDay(jdbc);
        LocalDate from = lastDay.minusDays(6);
        // the subnet with the most poor streams in the range: the demo's bad subnet
        String subnet = jdbc.sql("""
                        SELECT q.subnet FROM quality_stream q JOIN tenant t ON t.id = q.tenant_id
                        WHERE t.name = 'contoso.example' AND q.day BETWEEN :from AND :to AND q.verdict = 3
                          AND q.subnet <> ''
                        GROUP BY q.subnet ORDER BY COUNT(*) DESC, q.subnet LIMIT 1
                        """)
                .param("from", from)
                .param("to", lastDay)
                .query(String.class)
                .single();
        record Expected(long sessions, long streams) {}
        Expected expected = jdbc.sql("""
                        SELECT COUNT(DISTINCT q.session_id), COUNT(*) FROM quality_stream q
                        JOIN tenant t ON t.id = q.tenant_id
                        WHERE t.name = 'contoso.example' AND q.day BETWEEN :from AND :to AND q.verdict = 3
                          AND q.subnet = :subnet
                        """)
                .param("from", from)
                .param("to", lastDay)
                .param("subnet", subnet)
                .query((rs, n) -> new Expected(rs.getLong(1), rs.getLong(2)))
                .single();
        assertThat(expected.sessions()).isPositive();

        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            searchEveryUserOnAPhone(from, lastDay, subnet, expected.sessions(), expected.streams());
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1800));
        }
    }

    private void searchEveryUserOnAPhone(LocalDate from, LocalDate lastDay, String subnet, long sessions, long streams)
            throws Exception {
        browser.signIn("global.admin", "portal-demo-2026");
        // a link with days only opens the search of every user; the filters are then typed into its form
        browser.open("/usage/session-details?from=" + from + "&to=" + from);
        browser.waitFor(By.id("search-mode"));
        browser.waitFor(By.id("every-user-form"));
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("every-user-search")).isDisplayed());
        assertThat(browser.driver.findElements(By.id("user-search")))
                .as("the one-user form is hidden")
                .allSatisfy(field -> assertThat(field.isDisplayed()).isFalse());
        setDateTime("every-user-from", from.toString());
        setDateTime("every-user-to", lastDay.toString());
        browser.chooseInSelect("every-user-verdict", "Poor");
        WebElement subnetInput = browser.driver.findElement(By.cssSelector("#every-user-subnet input"));
        browser.script("arguments[0].scrollIntoView({block: 'center'})", subnetInput);
        subnetInput.sendKeys(subnet);
        subnetInput.sendKeys(org.openqa.selenium.Keys.TAB);
        browser.waitUntilIdle();
        WebElement search = browser.driver.findElement(By.id("every-user-search"));
        browser.script("arguments[0].scrollIntoView({block: 'center'})", search);
        search.click();
        String summary = sessions + " sessions (" + streams + " streams match) of every user on the days " + from
                + " to " + lastDay + " (UTC)";
        try {
            browser.wait(Duration.ofSeconds(15))
                    .until(d -> d.findElement(By.id("result-summary")).getText().equals(summary));
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.screenshot("session-details-every-user-failed");
            throw new AssertionError(
                    "summary: "
                            + browser.driver
                                    .findElement(By.id("result-summary"))
                                    .getText() + " at " + browser.currentPath() + "; expected " + summary,
                    e);
        }
        assertThat(gridSize()).isEqualTo(sessions);
        assertThat(address()).contains("from=" + from, "to=" + lastDay, "verdict=poor", "subnet=" + subnet);

        // usable on a phone: nothing scrolls sideways and every field of the form lies within the window
        Thread.sleep(300); // the window's width reaches the server after the first render
        browser.waitUntilIdle();
        double width = ((Number) browser.script("return window.innerWidth")).doubleValue();
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).doubleValue())
                .isLessThanOrEqualTo(width + 1);
        @SuppressWarnings("unchecked")
        List<Number> rights =
                (List<Number>) browser.script("return [...document.getElementById('every-user-form').children]"
                        + ".map(c => c.getBoundingClientRect().right)");
        assertThat(rights)
                .isNotEmpty()
                .allSatisfy(right -> assertThat(right.doubleValue()).isLessThanOrEqualTo(width + 1));
        browser.screenshot("session-details-every-user-phone");

        // the address opens the same search, the form filled in
        browser.open(browser.currentPath());
        browser.wait(Duration.ofSeconds(15))
                .until(d -> d.findElement(By.id("result-summary")).getText().equals(summary));
        assertThat(browser.driver.findElement(By.id("every-user-form")).isDisplayed())
                .isTrue();
        assertThat(browser.script("return document.getElementById('every-user-subnet').value"))
                .isEqualTo(subnet);
        assertThat(browser.driver.findElement(By.id("every-user-verdict")).getText())
                .contains("Poor");
    }

    /**
     * The search of every user narrowed to a building in its form (docs/session-details.md, "Search every user"):
     * the sessions with a stream in the building's subnets, the place in the address, and the address opening the
     * same search with the place chosen again.
     */
    @Test
    void the_search_of_every_user_chooses_a_building_and_its_address_opens_it_again() throws Exception {
        LocalDate lastDay = org.commsportal.DemoDays.lastDay(jdbc);
        LocalDate from = lastDay.minusDays(6);
        record Expected(long sessions, long streams) {}
        Expected expected = jdbc.sql("""
                        SELECT COUNT(DISTINCT q.session_id), COUNT(*) FROM quality_stream q
                        JOIN tenant t ON t.id = q.tenant_id
                        WHERE t.name = 'contoso.example' AND q.day BETWEEN :from AND :to AND %s
                        """.formatted(DemoBuildings.IN_CAMPUS.formatted("q.subnet")))
                .param("from", from)
                .param("to", lastDay)
                .query((rs, n) -> new Expected(rs.getLong(1), rs.getLong(2)))
                .single();
        assertThat(expected.sessions()).isPositive();

        browser.signIn("global.admin", "portal-demo-2026");
        DemoBuildings.upload(browser);
        browser.open("/usage/session-details?from=" + from + "&to=" + lastDay);
        browser.waitFor(By.id("every-user-form"));
        browser.waitUntilIdle();
        DemoBuildings.chooseCampus(browser);
        WebElement search = browser.driver.findElement(By.id("every-user-search"));
        browser.script("arguments[0].scrollIntoView({block: 'center'})", search);
        search.click();
        String summary = expected.sessions() + " sessions (" + expected.streams()
                + " streams match) of every user on the days " + from + " to " + lastDay + " (UTC)";
        browser.wait(Duration.ofSeconds(15))
                .until(d -> d.findElement(By.id("result-summary")).getText().equals(summary));
        assertThat(gridSize()).isEqualTo(expected.sessions());
        assertThat(address()).contains("region=Test Region", "city=Testville", "building=Tower campus");
        assertThat(address()).doesNotContain("placeBy");
        browser.screenshot("session-details-every-user-building");

        String link = browser.currentPath();
        browser.open("/usage/session-details");
        browser.open(link);
        browser.wait(Duration.ofSeconds(15))
                .until(d -> d.findElement(By.id("result-summary")).getText().equals(summary));
        assertThat(DemoBuildings.shownPlace(browser)).containsExactly("Test Region", "Testville", "Tower campus");
    }

    /**
     * A search of every user matching more sessions than the table sorts or groups (docs/session-details.md, "Sorting
     * and grouping many sessions"): shown by start time with the reason in the group-by bar, only the start
     * time column sorting, the link's grouping waiting; the same link narrowed to fewer sessions is grouped.
     */
    @Test
    void a_search_of_every_user_over_the_limit_is_shown_by_start_time_and_a_narrower_one_is_grouped() throws Exception {
        LocalDate lastDay = org.commsportal.DemoDays.lastDay(jdbc);
        LocalDate from = lastDay.minusDays(29);
        String audio = """
                SELECT COUNT(*) FROM comm_session s JOIN tenant t ON t.id = s.tenant_id AND t.name = 'contoso.example'
                WHERE s.start_time >= :from AND s.start_time < :to AND s.media_mask & 16
                """;
        long many = jdbc.sql(audio)
                .param("from", from.atStartOfDay())
                .param("to", lastDay.plusDays(1).atStartOfDay())
                .query(Long.class)
                .single();
        assertThat(many).as("every user's audio sessions of 30 demo days").isGreaterThan(1_000);
        long few = jdbc.sql(audio)
                .param("from", lastDay.atStartOfDay())
                .param("to", lastDay.plusDays(1).atStartOfDay())
                .query(Long.class)
                .single();
        assertThat(few).as("every user's audio sessions of the last demo day").isBetween(1L, 1_000L);

        browser.signIn("global.admin", "portal-demo-2026");
        browser.open("/usage/session-details?from=" + from + "&to=" + lastDay
                + "&zone=UTC&modality=audio&group=MEDIA_TYPES");
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("result-summary")).getText().startsWith(many + " sessions"));
        assertThat(browser.waitFor(By.id("sort-and-group-limit")).getText())
                .isEqualTo("More than 1,000 sessions match: too many to sort by another column than the start time"
                        + " or to group. They are shown by start time; narrow the days or the filters to sort or"
                        + " group them.");
        assertThat(browser.driver.findElements(By.id("group-chip-MEDIA_TYPES")))
                .as("the link's grouping waits in the bar")
                .hasSize(1);
        assertThat(gridSize()).as("sessions, not groups").isEqualTo(many);
        assertThat(toggles()).isEmpty();
        assertThat(sorters()).containsExactly("START_TIME");
        browser.screenshot("session-details-every-user-over-the-limit");
        // on a phone the reason wraps inside the group-by bar, the waiting chip below it, and nothing scrolls sideways
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.script("document.getElementById('group-by-bar').scrollIntoView({block: 'center'})");
            browser.waitUntilIdle();
            assertThat((Boolean) browser.script("""
                            const bar = document.getElementById('group-by-bar').getBoundingClientRect();
                            const text = document.getElementById('sort-and-group-limit').getBoundingClientRect();
                            const chip = document.getElementById('group-chip-MEDIA_TYPES').getBoundingClientRect();
                            const table = document.getElementById('session-table').getBoundingClientRect();
                            return document.documentElement.scrollWidth <= window.innerWidth
                                && bar.right <= window.innerWidth && chip.right <= bar.right
                                && text.bottom <= bar.bottom && chip.bottom <= bar.bottom && bar.bottom <= table.top;
                            """)).isTrue();
            browser.screenshot("session-details-over-the-limit-phone");
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1800));
        }

        browser.open("/usage/session-details?from=" + lastDay + "&to=" + lastDay
                + "&zone=UTC&modality=audio&group=MEDIA_TYPES");
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("result-summary")).getText().startsWith(few + " sessions"));
        assertThat(browser.driver.findElements(By.id("sort-and-group-limit"))).isEmpty();
        List<WebElement> groups = toggles();
        assertThat(groups).isNotEmpty();
        assertThat(groups.stream().mapToLong(g -> count(g.getText())).sum()).isEqualTo(few);
        assertThat(sorters()).hasSize(org.commsportal.sessiondetails.SessionColumn.values().length);

        // in the same view: ungrouped and sorted by From, then widened with the form: the sort by From goes, and a
        // grouping dragged then waits; narrowed again, it applies and every column sorts
        browser.driver.findElement(By.id("remove-group-MEDIA_TYPES")).click();
        browser.wait(Duration.ofSeconds(10)).until(d -> toggles().isEmpty());
        browser.script("""
                document.querySelector('#session-table [data-column="FROM_URI"]').closest('vaadin-grid-sorter').click()
                """);
        browser.wait(Duration.ofSeconds(10)).until(d -> sortedBy().equals(List.of("FROM_URI asc")));
        setDateTime("every-user-from", from.toString());
        browser.driver.findElement(By.id("every-user-search")).click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("result-summary")).getText().startsWith(many + " sessions"));
        browser.waitFor(By.id("sort-and-group-limit"));
        assertThat(sorters()).containsExactly("START_TIME");
        assertThat(sortedBy()).as("the sort by From is gone").isEmpty();
        assertThat(gridSize()).isEqualTo(many);
        dragHeaderToGroupBar("RESPONSE_CODE");
        browser.waitFor(By.id("group-chip-RESPONSE_CODE"));
        assertThat(toggles()).as("the grouping waits").isEmpty();
        assertThat(gridSize()).isEqualTo(many);

        setDateTime("every-user-from", lastDay.toString());
        browser.driver.findElement(By.id("every-user-search")).click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("result-summary")).getText().startsWith(few + " sessions"));
        browser.wait(Duration.ofSeconds(10)).until(d -> !toggles().isEmpty());
        assertThat(browser.driver.findElements(By.id("sort-and-group-limit"))).isEmpty();
        assertThat(toggles().stream().mapToLong(g -> count(g.getText())).sum()).isEqualTo(few);
        assertThat(sorters()).hasSize(org.commsportal.sessiondetails.SessionColumn.values().length);
    }

    /** The sorted columns with their direction, such as "FROM_URI asc". */
    @SuppressWarnings("unchecked")
    private List<String> sortedBy() {
        browser.waitUntilIdle();
        return (List<String>) browser.script("""
                return [...document.querySelectorAll('#session-table vaadin-grid-sorter')]
                    .filter(s => s.direction)
                    .map(s => s.querySelector('[data-column]').dataset.column + ' ' + s.direction)
                """);
    }

    /** The columns whose headers sort, by key. */
    @SuppressWarnings("unchecked")
    private List<String> sorters() {
        browser.waitUntilIdle();
        return (List<String>) browser.script("""
                return [...document.querySelectorAll('#session-table vaadin-grid-sorter')]
                    .map(s => s.querySelector('[data-column]'))
                    .filter(h => h && h.offsetParent !== null)
                    .map(h => h.dataset.column)
                """);
    }

    @Test
    void a_usage_summary_reader_cannot_open_the_page() {
        browser.signIn("usage.reader", "portal-demo-2026");
        browser.open("/usage/session-details");

        assertThat(browser.driver.findElements(By.id("session-details"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("session-table"))).isEmpty();
    }

    /** What a person's drag of a header into the bar dispatches (WebDriver cannot drive HTML5 drag and drop). */
    private void dragHeaderToGroupBar(String column) {
        browser.script("""
                window.__drag = new DataTransfer();
                const source = document.querySelector('#session-table [data-column="' + arguments[0] + '"]');
                source.dispatchEvent(new DragEvent('dragstart', {bubbles: true, cancelable: true, dataTransfer: window.__drag}));
                """, column);
        browser.waitUntilIdle();
        browser.script("""
                const target = document.getElementById('group-by-bar');
                for (const type of ['dragenter', 'dragover', 'drop']) {
                    target.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: window.__drag}));
                }
                const source = document.querySelector('#session-table [data-column="' + arguments[0] + '"]');
                source.dispatchEvent(new DragEvent('dragend', {bubbles: true, cancelable: true, dataTransfer: window.__drag}));
                """, column);
        browser.waitUntilIdle();
    }

    /** Scrolls the tab into view as a person would with the tab bar's arrows, then clicks it. */
    private void openTab(String name) {
        WebElement tab = browser.driver.findElement(By.id("tab-" + name));
        browser.script("arguments[0].scrollIntoView({block: 'nearest', inline: 'center'})", tab);
        tab.click();
    }

    private void setDateTime(String id, String isoValue) {
        browser.script("""
                const picker = document.getElementById(arguments[0]);
                picker.value = arguments[1];
                picker.dispatchEvent(new CustomEvent('change', {bubbles: true}));
                """, id, isoValue);
        browser.waitUntilIdle();
    }

    private List<WebElement> toggles() {
        browser.waitUntilIdle();
        return browser.driver.findElements(By.cssSelector("#session-table vaadin-grid-tree-toggle")).stream()
                .filter(t -> !t.getText().isBlank())
                .toList();
    }

    private static long count(String groupLabel) {
        return Long.parseLong(groupLabel.substring(groupLabel.lastIndexOf('(') + 1, groupLabel.length() - 1));
    }

    private String address() {
        return java.net.URLDecoder.decode(browser.currentPath(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private List<String> notifications() {
        return (List<String>) browser.script(
                "return [...document.querySelectorAll('vaadin-notification-card')].map(c => c.textContent)");
    }

    private long gridSize() {
        browser.waitUntilIdle();
        return ((Number) browser.script("return document.getElementById('session-table').size")).longValue();
    }
}
