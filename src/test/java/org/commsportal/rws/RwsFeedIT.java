package org.commsportal.rws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import javax.xml.parsers.DocumentBuilderFactory;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activeusers.ActiveUserPeriod;
import org.commsportal.activeusers.ActiveUserReport;
import org.commsportal.activeusers.ActiveUserRow;
import org.commsportal.activeusers.ActiveUsersService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The feeds over HTTP against the active users service called directly as the same account: the vendor's two
 * examples as written, the Atom and JSON shapes, the query options against the same selection made in Java, the
 * X-timezone header, the service document and the 404 and 405 answers.
 */
@PortalIntegrationTest
class RwsFeedIT {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String DATA = "http://schemas.microsoft.com/ado/2007/08/dataservices";
    private static final String METADATA = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";
    private static final String ACCOUNT = "global.admin";

    @LocalServerPort
    int port;

    @Autowired
    ActiveUsersService activeUsers;

    @Autowired
    TestTenants testTenants;

    private RwsHttp http;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void client() {
        http = new RwsHttp(port);
    }

    private ActiveUserReport report(ActiveUserPeriod period, ZoneId zone) {
        testTenants.signIn(ACCOUNT);
        try {
            return activeUsers.report(period, zone);
        } finally {
            TestTenants.signOut();
        }
    }

    @Test
    void the_vendors_weekly_json_example_works_as_written() throws Exception {
        ActiveUserReport report = report(ActiveUserPeriod.WEEKLY, ZoneOffset.UTC);

        HttpResponse<String> response =
                http.get(RwsHttp.ROOT + "/CsActiveUserWeekly", "$select=Date,ActiveUsers&$format=Json", ACCOUNT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(response.headers().firstValue("DataServiceVersion"))
                .hasValueSatisfying(v -> assertThat(v).matches("[12]\\.0;?"));
        assertThat(response.body()).startsWith("{\"d\":{\"results\":[").contains("\"Date\":\"\\/Date(");
        JsonNode results = json.readTree(response.body()).get("d").get("results");
        assertThat(report.rows()).as("the demo tenant has weeks of data").hasSizeGreaterThan(4);
        assertThat(results).hasSize(report.rows().size());
        for (int i = 0; i < results.size(); i++) {
            ActiveUserRow row = report.rows().get(i);
            JsonNode result = results.get(i);
            assertThat(fieldNames(result)).containsExactly("__metadata", "Date", "ActiveUsers");
            String id = http.root() + "/CsActiveUserWeekly(datetime'"
                    + row.date().format(KEY).replace(":", "%3A") + "')";
            assertThat(result.get("__metadata").get("id").asText()).isEqualTo(id);
            assertThat(result.get("__metadata").get("uri").asText()).isEqualTo(id);
            assertThat(result.get("__metadata").get("type").asText()).isEqualTo("TenantReporting.CsActiveUserReport");
            assertThat(result.get("Date").asText())
                    .isEqualTo("/Date(" + row.date().toInstant(ZoneOffset.UTC).toEpochMilli() + ")/");
            assertThat(result.get("ActiveUsers").isTextual())
                    .as("Int64 as a string")
                    .isTrue();
            assertThat(result.get("ActiveUsers").asText()).isEqualTo(String.valueOf(row.activeUsers()));
            assertThat(row.date().getDayOfWeek())
                    .as("a week ends at the midnight that starts Sunday")
                    .isEqualTo(java.time.DayOfWeek.SUNDAY);
        }
        assertThat(report.rows())
                .anySatisfy(row -> assertThat(row.activeUsers()).isPositive());
    }

    @Test
    void the_vendors_daily_atom_example_works_as_written() throws Exception {
        String vendorQuery = "$select=Date,ActiveUsersCount&$filter=Date ge datetime'2013-05-01T00:00:00' and "
                + "Date le datetime'2013-05-15T00:00:00'&$orderby=Date desc&$format=Atom";
        HttpResponse<String> vendor = http.get(RwsHttp.ROOT + "/CsActiveUserDaily", vendorQuery, ACCOUNT);
        assertThat(vendor.statusCode()).isEqualTo(200);
        assertThat(entries(feed(vendor.body()))).as("no data from 2013").isEmpty();

        ActiveUserReport report = report(ActiveUserPeriod.DAILY, ZoneOffset.UTC);
        LocalDateTime to = report.rows().get(report.rows().size() - 1).date();
        LocalDateTime from = to.minusDays(14);
        HttpResponse<String> response = http.get(
                RwsHttp.ROOT + "/CsActiveUserDaily",
                vendorQuery
                        .replace("2013-05-01T00:00:00", from.format(KEY))
                        .replace("2013-05-15T00:00:00", to.format(KEY)),
                ACCOUNT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/atom+xml;type=feed;charset=utf-8");
        assertThat(response.headers().firstValue("DataServiceVersion")).isPresent();
        Element feed = feed(response.body());
        assertThat(feed.getAttributeNS("http://www.w3.org/XML/1998/namespace", "base"))
                .isEqualTo(http.root() + "/");
        assertThat(response.body())
                .contains("xmlns:d=\"" + DATA + "\"", "xmlns:m=\"" + METADATA + "\"")
                .doesNotContain("https://schemas");
        assertThat(child(feed, ATOM, "id").getTextContent()).isEqualTo(http.root() + "/CsActiveUserDaily");
        assertThat(child(feed, ATOM, "title").getAttribute("type")).isEqualTo("text");
        assertThat(child(feed, ATOM, "title").getTextContent()).isEqualTo("CsActiveUserDaily");
        assertThat(child(feed, ATOM, "updated").getTextContent()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        Element self = child(feed, ATOM, "link");
        assertThat(List.of(self.getAttribute("rel"), self.getAttribute("title"), self.getAttribute("href")))
                .containsExactly("self", "CsActiveUserDaily", "CsActiveUserDaily");

        List<ActiveUserRow> expected = new ArrayList<>(report.rows().stream()
                .filter(row -> !row.date().isBefore(from) && !row.date().isAfter(to))
                .toList());
        java.util.Collections.reverse(expected);
        List<Element> entries = entries(feed);
        assertThat(entries).hasSize(15).hasSize(expected.size());
        for (int i = 0; i < entries.size(); i++) {
            Element entry = entries.get(i);
            ActiveUserRow row = expected.get(i);
            assertThat(child(entry, ATOM, "id").getTextContent())
                    .isEqualTo(http.root() + "/CsActiveUserDaily(datetime'"
                            + row.date().format(KEY).replace(":", "%3A") + "')");
            Element category = child(entry, ATOM, "category");
            assertThat(category.getAttribute("term")).isEqualTo("TenantReporting.CsActiveUserReport");
            assertThat(category.getAttribute("scheme"))
                    .isEqualTo("http://schemas.microsoft.com/ado/2007/08/dataservices/scheme");
            assertThat(child(entry, ATOM, "title").getTextContent()).isEmpty();
            assertThat(child(entry, ATOM, "updated").getTextContent()).isNotEmpty();
            assertThat(child(child(entry, ATOM, "author"), ATOM, "name").getTextContent())
                    .isEmpty();
            Element content = child(entry, ATOM, "content");
            assertThat(content.getAttribute("type")).isEqualTo("application/xml");
            List<Element> properties = children(child(content, METADATA, "properties"));
            assertThat(properties).extracting(Element::getNamespaceURI).containsOnly(DATA);
            assertThat(properties).extracting(Element::getLocalName).containsExactly("Date", "ActiveUsers");
            assertThat(properties.get(0).getAttributeNS(METADATA, "type")).isEqualTo("Edm.DateTime");
            assertThat(properties.get(0).getTextContent()).isEqualTo(row.date().format(KEY));
            assertThat(properties.get(1).getAttributeNS(METADATA, "type")).isEqualTo("Edm.Int64");
            assertThat(properties.get(1).getTextContent()).isEqualTo(String.valueOf(row.activeUsers()));
        }
    }

    @Test
    void without_select_every_property_comes_in_the_documented_order_with_the_tenants_guid_and_name() throws Exception {
        ActiveUserReport report = report(ActiveUserPeriod.MONTHLY, ZoneOffset.UTC);

        JsonNode results = results(http.get(RwsHttp.ROOT + "/CsActiveUserMonthly", "$format=json", ACCOUNT));
        String atom =
                http.get(RwsHttp.ROOT + "/CsActiveUserMonthly", "", ACCOUNT).body();

        assertThat(results).hasSize(report.rows().size());
        for (int i = 0; i < results.size(); i++) {
            ActiveUserRow row = report.rows().get(i);
            JsonNode result = results.get(i);
            assertThat(fieldNames(result))
                    .containsExactly("__metadata", "ActiveUsers", "Date", "ID", "TenantGuid", "TenantName");
            assertThat(result.get("ID").asText()).isEqualTo(String.valueOf(row.id()));
            assertThat(result.get("ID").isTextual()).isTrue();
            assertThat(result.get("TenantGuid").asText())
                    .isEqualTo(report.tenantGuid().toString());
            assertThat(result.get("TenantName").asText())
                    .isEqualTo(DemoAccounts.CONTOSO)
                    .isEqualTo(report.tenantName());
        }
        List<Element> entries = entries(feed(atom));
        assertThat(entries).hasSize(report.rows().size());
        List<Element> properties = children(child(child(entries.get(0), ATOM, "content"), METADATA, "properties"));
        assertThat(properties)
                .extracting(Element::getLocalName)
                .containsExactly("ActiveUsers", "Date", "ID", "TenantGuid", "TenantName");
        assertThat(properties)
                .extracting(p -> p.getAttributeNS(METADATA, "type"))
                .containsExactly("Edm.Int64", "Edm.DateTime", "Edm.Int64", "Edm.Guid", "");
    }

    /** One query and the same selection written in Java over the service's rows. */
    private record Selection(
            String query, Predicate<ActiveUserRow> filter, Comparator<ActiveUserRow> order, long skip, long top) {}

    @Test
    void filter_orderby_top_and_skip_select_the_rows_java_selects_from_the_services_rows() throws Exception {
        ActiveUserReport report = report(ActiveUserPeriod.DAILY, ZoneOffset.UTC);
        List<ActiveUserRow> rows = report.rows();
        ActiveUserRow last = rows.get(rows.size() - 1);
        LocalDateTime mid = last.date().minusDays(10);
        long firstId = rows.get(0).id();
        String shortDate = mid.format(DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.ROOT));
        Comparator<ActiveUserRow> byDate = Comparator.comparing(ActiveUserRow::date);
        Comparator<ActiveUserRow> byUsersDesc =
                Comparator.comparingLong(ActiveUserRow::activeUsers).reversed();
        long all = Long.MAX_VALUE;

        List<Selection> selections = List.of(
                new Selection("$filter=ActiveUsers gt 0", r -> r.activeUsers() > 0, byDate, 0, all),
                new Selection(
                        "$filter=ActiveUsers ge 2 and Date lt datetime'" + mid.format(KEY) + "'",
                        r -> r.activeUsers() >= 2 && r.date().isBefore(mid),
                        byDate,
                        0,
                        all),
                new Selection(
                        "$filter=not (ActiveUsers eq 0) or ID eq " + firstId,
                        r -> r.activeUsers() != 0 || r.id() == firstId,
                        byDate,
                        0,
                        all),
                new Selection(
                        "$filter=Date ge '" + shortDate + "'&$orderby=ActiveUsers desc,Date desc&$top=5&$skip=2",
                        r -> !r.date().isBefore(mid.toLocalDate().atStartOfDay()),
                        byUsersDesc.thenComparing(byDate.reversed()),
                        2,
                        5),
                new Selection(
                        "$filter=" + (firstId + 3) + "L lt ID and ID le " + (firstId + 9),
                        r -> r.id() > firstId + 3 && r.id() <= firstId + 9,
                        byDate,
                        0,
                        all),
                new Selection(
                        "$orderby=ActiveUsers&$top=10",
                        r -> true,
                        Comparator.comparingLong(ActiveUserRow::activeUsers).thenComparingLong(ActiveUserRow::id),
                        0,
                        10),
                new Selection(
                        "$orderby=ActiveUsers desc,ID desc&$skip=3&$top=4",
                        r -> true,
                        byUsersDesc.thenComparing(
                                Comparator.comparingLong(ActiveUserRow::id).reversed()),
                        3,
                        4),
                new Selection("$orderby=Date desc", r -> true, byDate.reversed(), 0, all),
                new Selection(
                        "$filter=TenantName eq 'contoso.example' and ActiveUsers lt 3",
                        r -> r.activeUsers() < 3,
                        byDate,
                        0,
                        all),
                new Selection("$filter=TenantName eq 'CONTOSO.EXAMPLE'", r -> false, byDate, 0, all),
                new Selection("$filter=TenantGuid eq guid'" + report.tenantGuid() + "'", r -> true, byDate, 0, all),
                new Selection("$filter=TenantGuid ne '" + report.tenantGuid() + "'", r -> false, byDate, 0, all),
                new Selection(
                        "$filter=(ActiveUsers gt 1 or ActiveUsers eq 0) and not (Date le datetime'" + mid.toLocalDate()
                                + "')",
                        r -> (r.activeUsers() > 1 || r.activeUsers() == 0)
                                && r.date().isAfter(mid.toLocalDate().atStartOfDay()),
                        byDate,
                        0,
                        all),
                new Selection("$skip=100000", r -> true, byDate, 100_000, all),
                new Selection("$top=0", r -> true, byDate, 0, 0));

        for (Selection selection : selections) {
            HttpResponse<String> response =
                    http.get(RwsHttp.ROOT + "/CsActiveUserDaily", selection.query() + "&$format=json", ACCOUNT);
            assertThat(response.statusCode())
                    .as(selection.query() + ": " + response.body())
                    .isEqualTo(200);
            List<Long> ids = new ArrayList<>();
            results(response)
                    .forEach(result -> ids.add(Long.parseLong(result.get("ID").asText())));
            List<Long> expected = rows.stream()
                    .filter(selection.filter())
                    .sorted(selection.order().thenComparingLong(ActiveUserRow::id))
                    .skip(selection.skip())
                    .limit(selection.top())
                    .map(ActiveUserRow::id)
                    .toList();
            assertThat(ids).as(selection.query()).isEqualTo(expected);
        }
        assertThat(rows.stream().filter(r -> r.activeUsers() > 0).count())
                .as("some days with and some without calls")
                .isPositive()
                .isLessThan(rows.size());
    }

    @Test
    void x_timezone_takes_iana_and_windows_names_and_gives_that_zones_periods() throws Exception {
        for (String[] zones : List.of(
                new String[] {"America/Los_Angeles", "Pacific Standard Time"},
                new String[] {"Asia/Kathmandu", "Nepal Standard Time"},
                new String[] {"Asia/Kolkata", "India Standard Time"})) {
            ZoneId zone = ZoneId.of(zones[0]);
            for (ActiveUserPeriod period : List.of(ActiveUserPeriod.DAILY, ActiveUserPeriod.WEEKLY)) {
                ActiveUserReport report = report(period, zone);
                String path = RwsHttp.ROOT + "/" + period.entitySet();

                HttpResponse<String> iana =
                        http.get(path, "$format=json", ACCOUNT, DemoAccounts.PASSWORD, Map.of("X-timezone", zones[0]));
                HttpResponse<String> windows =
                        http.get(path, "$format=json", ACCOUNT, DemoAccounts.PASSWORD, Map.of("X-timezone", zones[1]));

                assertThat(windows.body()).as(zones[1]).isEqualTo(iana.body());
                JsonNode results = results(iana);
                assertThat(results).hasSize(report.rows().size());
                for (int i = 0; i < results.size(); i++) {
                    ActiveUserRow row = report.rows().get(i);
                    assertThat(results.get(i).get("Date").asText())
                            .as(zones[0])
                            .isEqualTo("/Date("
                                    + row.date().toInstant(ZoneOffset.UTC).toEpochMilli() + ")/");
                    assertThat(results.get(i).get("ActiveUsers").asText()).isEqualTo(String.valueOf(row.activeUsers()));
                    assertThat(results.get(i).get("ID").asText()).isEqualTo(String.valueOf(row.id()));
                }
                // Dates are the zone's wall-clock midnights, written as if they were UTC
                assertThat(results)
                        .allSatisfy(result ->
                                assertThat(millis(result) % 86_400_000L).isZero());
            }
        }
        HttpResponse<String> utc = http.get(RwsHttp.ROOT + "/CsActiveUserDaily", "$format=json", ACCOUNT);
        HttpResponse<String> berlin = http.get(
                RwsHttp.ROOT + "/CsActiveUserDaily",
                "$format=json",
                ACCOUNT,
                DemoAccounts.PASSWORD,
                Map.of("X-timezone", "Europe/Berlin"));
        assertThat(results(utc).toString()).isNotEqualTo(results(berlin).toString());
    }

    @Test
    void an_accept_header_asking_for_json_only_gives_json() throws Exception {
        HttpResponse<String> json = http.get(
                RwsHttp.ROOT + "/CsActiveUserYearly",
                "",
                ACCOUNT,
                DemoAccounts.PASSWORD,
                Map.of("Accept", "application/json;odata=verbose"));
        HttpResponse<String> both = http.get(
                RwsHttp.ROOT + "/CsActiveUserYearly",
                "",
                ACCOUNT,
                DemoAccounts.PASSWORD,
                Map.of("Accept", "application/atom+xml, application/json"));
        HttpResponse<String> formatWins = http.get(
                RwsHttp.ROOT + "/CsActiveUserYearly",
                "$format=atom",
                ACCOUNT,
                DemoAccounts.PASSWORD,
                Map.of("Accept", "application/json"));

        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(both.headers().firstValue("Content-Type")).hasValue("application/atom+xml;type=feed;charset=utf-8");
        assertThat(formatWins.headers().firstValue("Content-Type"))
                .hasValue("application/atom+xml;type=feed;charset=utf-8");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/ecp/reportingwebservice/reporting.svc/",
                "/ecp/reportingwebservice/reporting.svc",
                "/ecp/ReportingWebService/Reporting.svc/",
                "/ecp/REPORTINGWEBSERVICE/REPORTING.SVC"
            })
    void the_service_document_lists_the_four_sets_with_or_without_a_slash_in_any_case(String path) throws Exception {
        HttpResponse<String> response = http.get(path, "", ACCOUNT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/atomsvc+xml;charset=utf-8");
        Element service = document(response.body());
        assertThat(service.getLocalName()).isEqualTo("service");
        assertThat(service.getNamespaceURI()).isEqualTo("http://www.w3.org/2007/app");
        String root = "http://localhost:" + port + (path.endsWith("/") ? path : path + "/");
        assertThat(service.getAttributeNS("http://www.w3.org/XML/1998/namespace", "base"))
                .isEqualTo(root);
        NodeList collections = service.getElementsByTagNameNS("http://www.w3.org/2007/app", "collection");
        List<String> hrefs = new ArrayList<>();
        for (int i = 0; i < collections.getLength(); i++) {
            hrefs.add(((Element) collections.item(i)).getAttribute("href"));
        }
        assertThat(hrefs).containsExactlyElementsOf(RwsHttp.ENTITY_SETS);

        JsonNode sets = json.readTree(http.get(path, "$format=json", ACCOUNT).body())
                .get("d")
                .get("EntitySets");
        assertThat(sets.toString()).isEqualTo("[\"" + String.join("\",\"", RwsHttp.ENTITY_SETS) + "\"]");
    }

    @Test
    void entry_ids_use_the_service_root_as_the_request_spelled_it_and_as_a_proxy_forwarded_it() throws Exception {
        JsonNode vendorCase =
                results(http.get("/ecp/ReportingWebService/Reporting.svc/CsActiveUserYearly", "$format=json", ACCOUNT));
        assertThat(vendorCase.get(0).get("__metadata").get("id").asText())
                .startsWith("http://localhost:" + port
                        + "/ecp/ReportingWebService/Reporting.svc/CsActiveUserYearly(datetime'");

        HttpResponse<String> proxied = http.get(
                RwsHttp.ROOT + "/CsActiveUserYearly",
                "",
                ACCOUNT,
                DemoAccounts.PASSWORD,
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "reports.example"));
        Element feed = feed(proxied.body());
        assertThat(feed.getAttributeNS("http://www.w3.org/XML/1998/namespace", "base"))
                .isEqualTo("https://reports.example/ecp/reportingwebservice/reporting.svc/");
        assertThat(child(entries(feed).get(0), ATOM, "id").getTextContent())
                .startsWith(
                        "https://reports.example/ecp/reportingwebservice/reporting.svc/CsActiveUserYearly(datetime'");
    }

    @Test
    void metadata_is_edmx_with_the_entity_type_and_container() throws Exception {
        HttpResponse<String> response = http.get(RwsHttp.ROOT + "/$metadata", "", ACCOUNT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/xml;charset=utf-8");
        assertThat(response.body())
                .contains(
                        "<edmx:Edmx Version=\"1.0\"",
                        "Namespace=\"TenantReporting\"",
                        "<EntityType Name=\"CsActiveUserReport\"><Key><PropertyRef Name=\"Date\"/></Key>",
                        "<Property Name=\"ActiveUsers\" Type=\"Edm.Int64\"",
                        "<Property Name=\"Date\" Type=\"Edm.DateTime\"",
                        "<Property Name=\"ID\" Type=\"Edm.Int64\"",
                        "<Property Name=\"TenantGuid\" Type=\"Edm.Guid\"",
                        "<Property Name=\"TenantName\" Type=\"Edm.String\"",
                        "m:IsDefaultEntityContainer=\"true\"",
                        "<EntitySet Name=\"CsActiveUserYearly\" EntityType=\"TenantReporting.CsActiveUserReport\"/>");
        assertThat(http.get(RwsHttp.ROOT + "/$metadata", "$format=json", ACCOUNT)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void every_entry_id_is_the_uri_of_that_entry_alone() throws Exception {
        Map<String, String> kathmandu = Map.of("X-timezone", "Asia/Kathmandu");
        JsonNode results = json.readTree(http.get(
                                RwsHttp.ROOT + "/CsActiveUserWeekly",
                                "$format=json&$orderby=ActiveUsers " + "desc&$top=2",
                                ACCOUNT,
                                DemoAccounts.PASSWORD,
                                kathmandu)
                        .body())
                .get("d")
                .get("results");

        for (JsonNode result : results) {
            String uri = result.get("__metadata").get("uri").asText();
            String path = uri.substring(("http://localhost:" + port).length());
            HttpResponse<String> asJson = http.get(path, "$format=json", ACCOUNT, DemoAccounts.PASSWORD, kathmandu);
            HttpResponse<String> asAtom = http.get(path, "$select=Date,ID", ACCOUNT, DemoAccounts.PASSWORD, kathmandu);

            assertThat(asJson.statusCode()).as(asJson.body()).isEqualTo(200);
            assertThat(json.readTree(asJson.body()).get("d")).isEqualTo(result);
            assertThat(asAtom.headers().firstValue("Content-Type"))
                    .hasValue("application/atom+xml;type=entry;charset=utf-8");
            Element entry = document(asAtom.body());
            assertThat(entry.getLocalName()).isEqualTo("entry");
            assertThat(child(entry, ATOM, "id").getTextContent()).isEqualTo(uri);
            assertThat(children(child(child(entry, ATOM, "content"), METADATA, "properties")))
                    .extracting(Element::getLocalName)
                    .containsExactly("Date", "ID");
        }
        String first =
                results.get(0).get("__metadata").get("uri").asText().substring(("http://localhost:" + port).length());
        assertThat(http.get(RwsHttp.ROOT + "/CsActiveUserDaily(datetime'1999-01-01T00:00:00')", "", ACCOUNT)
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> badKey =
                http.get(RwsHttp.ROOT + "/CsActiveUserDaily(datetime'2013-02-30T00:00:00')", "", ACCOUNT);
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(RwsMalformedRequestIT.xmlError(badKey.body()).getTextContent())
                .contains("Invalid key 'datetime'2013-02-30T00:00:00'' of CsActiveUserDaily");
        assertThat(http.get(RwsHttp.ROOT + "/CsActiveUserDaily(5)", "", ACCOUNT).statusCode())
                .isEqualTo(400);
        assertThat(http.get(first, "$top=1", ACCOUNT, DemoAccounts.PASSWORD, kathmandu)
                        .statusCode())
                .isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/CsActiveUserHourly",
                "/csactiveuserdaily",
                "/CsActiveUserDaily/ActiveUsers",
                "/CsActiveUserDaily/$count",
                "/$batch",
                "/Reports/CsActiveUserDaily"
            })
    void unknown_resources_are_a_404_with_an_odata_error(String resource) throws Exception {
        HttpResponse<String> response = http.get(RwsHttp.ROOT + resource, "", ACCOUNT);
        HttpResponse<String> asJson = http.get(RwsHttp.ROOT + resource, "$format=json", ACCOUNT);

        assertThat(response.statusCode()).isEqualTo(404);
        Element error = RwsMalformedRequestIT.xmlError(response.body());
        boolean oneSegment = resource.lastIndexOf('/') == 0;
        assertThat(error.getTextContent())
                .contains(oneSegment ? "segment '" + resource.substring(1) + "'" : "path " + RwsHttp.ROOT + resource);
        assertThat(asJson.statusCode()).isEqualTo(404);
        assertThat(json.readTree(asJson.body())
                        .get("error")
                        .get("message")
                        .get("value")
                        .asText())
                .contains("Resource not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void anything_but_get_is_a_405_with_an_odata_error(String method) throws Exception {
        for (String resource : List.of("/CsActiveUserDaily", "/", "/$metadata", "/Unknown")) {
            HttpResponse<String> response = http.send(
                    method, RwsHttp.ROOT + resource, "", RwsHttp.basic(ACCOUNT, DemoAccounts.PASSWORD), Map.of());

            assertThat(response.statusCode()).as(method + " " + resource).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET");
            assertThat(RwsMalformedRequestIT.xmlError(response.body()).getTextContent())
                    .contains(method);
        }
    }

    // helpers

    private static final DateTimeFormatter KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private JsonNode results(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("d").get("results");
    }

    private static long millis(JsonNode result) {
        String date = result.get("Date").asText();
        return Long.parseLong(date.substring("/Date(".length(), date.length() - 2));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Element document(String xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    private static Element feed(String xml) throws Exception {
        Element feed = document(xml);
        assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        return feed;
    }

    private static List<Element> entries(Element feed) {
        return children(feed).stream()
                .filter(e -> e.getLocalName().equals("entry"))
                .toList();
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    private static Element child(Element parent, String namespace, String name) {
        return children(parent).stream()
                .filter(e -> namespace.equals(e.getNamespaceURI())
                        && e.getLocalName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + parent.getLocalName()));
    }
}
