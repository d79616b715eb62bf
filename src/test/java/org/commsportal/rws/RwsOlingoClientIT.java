package org.commsportal.rws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import org.apache.olingo.odata2.api.edm.Edm;
import org.apache.olingo.odata2.api.edm.EdmEntityContainer;
import org.apache.olingo.odata2.api.edm.EdmEntitySet;
import org.apache.olingo.odata2.api.ep.EntityProvider;
import org.apache.olingo.odata2.api.ep.EntityProviderReadProperties;
import org.apache.olingo.odata2.api.ep.entry.ODataEntry;
import org.apache.olingo.odata2.api.ep.feed.ODataFeed;
import org.apache.olingo.odata2.api.processor.ODataErrorContext;
import org.apache.olingo.odata2.api.servicedocument.ServiceDocument;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activeusers.ActiveUserPeriod;
import org.commsportal.activeusers.ActiveUserReport;
import org.commsportal.activeusers.ActiveUserRow;
import org.commsportal.activeusers.ActiveUsersService;
import org.commsportal.periodfigures.FigurePeriod;
import org.commsportal.periodfigures.FigureReport;
import org.commsportal.periodfigures.FigureRow;
import org.commsportal.periodfigures.PeriodFiguresService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A standard OData v2 client library (Apache Olingo) reads the service: $metadata, the service document, every
 * entity set as Atom and as JSON, and the errors; the entries it reads equal the active users service's rows.
 */
@PortalIntegrationTest
class RwsOlingoClientIT {

    private static final String ACCOUNT = "sfb.admin";

    @LocalServerPort
    int port;

    @Autowired
    ActiveUsersService activeUsers;

    @Autowired
    TestTenants testTenants;

    @Autowired
    PeriodFiguresService periodFigures;

    private RwsHttp http;

    @BeforeEach
    void client() {
        http = new RwsHttp(port);
    }

    private EdmEntityContainer container() throws Exception {
        HttpResponse<byte[]> metadata = http.bytes(RwsHttp.ROOT + "/$metadata", "", ACCOUNT, DemoAccounts.PASSWORD);
        assertThat(metadata.statusCode()).isEqualTo(200);
        Edm edm = EntityProvider.readMetadata(new ByteArrayInputStream(metadata.body()), false);
        return edm.getDefaultEntityContainer();
    }

    @Test
    void olingo_reads_the_metadata_and_finds_every_entity_set_with_its_entity_type() throws Exception {
        EdmEntityContainer container = container();

        assertThat(container.isDefaultEntityContainer()).isTrue();
        assertThat(container.getEntitySets())
                .extracting(set -> {
                    try {
                        return set.getName() + ":" + set.getEntityType().getNamespace() + "."
                                + set.getEntityType().getName();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .containsExactlyElementsOf(RwsHttp.ENTITY_SETS.stream()
                        .map(set -> set + ":TenantReporting." + set.replaceAll("(Daily|Weekly|Monthly|Yearly)$", "")
                                + "Report")
                        .toList());
        assertThat(container.getEntitySet("CsActiveUserDaily").getEntityType().getKeyPropertyNames())
                .containsExactly("Date");
    }

    @Test
    void olingo_reads_the_service_document() throws Exception {
        HttpResponse<byte[]> response = http.bytes(RwsHttp.ROOT + "/", "", ACCOUNT, DemoAccounts.PASSWORD);

        ServiceDocument document = EntityProvider.readServiceDocument(
                new ByteArrayInputStream(response.body()),
                response.headers().firstValue("Content-Type").orElseThrow());

        assertThat(document.getEntitySetsInfo())
                .extracting(info -> info.getEntitySetName())
                .containsExactlyElementsOf(RwsHttp.ENTITY_SETS);
    }

    @ParameterizedTest
    @EnumSource(ActiveUserPeriod.class)
    void olingo_reads_every_feed_as_atom_and_as_json_with_the_services_rows(ActiveUserPeriod period) throws Exception {
        EdmEntitySet set = container().getEntitySet(period.entitySet());
        for (String zone : List.of("UTC", "Asia/Kathmandu", "America/St_Johns")) {
            testTenants.signIn(ACCOUNT);
            ActiveUserReport report = activeUsers.report(period, ZoneId.of(zone));
            TestTenants.signOut();

            for (String format : List.of("", "$format=json")) {
                HttpResponse<byte[]> response = bytes(RwsHttp.ROOT + "/" + period.entitySet(), format, zone);
                assertThat(response.statusCode()).isEqualTo(200);

                ODataFeed feed = EntityProvider.readFeed(
                        response.headers().firstValue("Content-Type").orElseThrow(),
                        set,
                        new ByteArrayInputStream(response.body()),
                        EntityProviderReadProperties.init().build());

                assertThat(feed.getEntries())
                        .as(period + " " + zone + " " + format)
                        .hasSize(report.rows().size());
                for (int i = 0; i < report.rows().size(); i++) {
                    ActiveUserRow row = report.rows().get(i);
                    Map<String, Object> properties = feed.getEntries().get(i).getProperties();
                    assertThat(properties)
                            .as(period + " " + zone + " " + format + " " + row)
                            .containsEntry("ActiveUsers", row.activeUsers())
                            .containsEntry("ID", row.id())
                            .containsEntry("TenantGuid", report.tenantGuid())
                            .containsEntry("TenantName", report.tenantName());
                    assertThat(wallClock((Calendar) properties.get("Date"))).isEqualTo(row.date());
                }
            }
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
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
                "CsPSTNConferenceTimeMonthly"
            })
    void olingo_reads_every_sibling_feed_as_atom_and_as_json_with_the_services_rows(String name) throws Exception {
        EntitySet entitySet = EntitySet.byName(name).orElseThrow();
        EdmEntitySet set = container().getEntitySet(name);
        assertThat(set.getEntityType().getName()).isEqualTo(entitySet.kind().entityType());
        for (String zone : List.of("UTC", "Asia/Kathmandu", "Europe/Berlin")) {
            testTenants.signIn(ACCOUNT);
            FigureReport report = periodFigures.report(
                    java.util.Objects.requireNonNull(entitySet.kind().figureSet()),
                    FigurePeriod.valueOf(entitySet.period().name()),
                    ZoneId.of(zone));
            TestTenants.signOut();

            for (String format : List.of("", "$format=json")) {
                HttpResponse<byte[]> response = bytes(RwsHttp.ROOT + "/" + name, format, zone);
                assertThat(response.statusCode()).isEqualTo(200);

                ODataFeed feed = EntityProvider.readFeed(
                        response.headers().firstValue("Content-Type").orElseThrow(),
                        set,
                        new ByteArrayInputStream(response.body()),
                        EntityProviderReadProperties.init().build());

                assertThat(feed.getEntries())
                        .as(name + " " + zone + " " + format)
                        .hasSize(report.rows().size());
                for (int i = 0; i < report.rows().size(); i++) {
                    FigureRow row = report.rows().get(i);
                    Map<String, Object> properties = feed.getEntries().get(i).getProperties();
                    assertThat(properties.get("ID")).isEqualTo(row.id());
                    assertThat(wallClock((Calendar) properties.get("Date"))).isEqualTo(row.date());
                    for (ReportField field : entitySet.kind().figures()) {
                        assertThat(properties.get(field.propertyName()))
                                .as(name + " " + zone + " " + format + " " + row + " " + field)
                                .isEqualTo(row.figures().get(field.figure()));
                    }
                }
            }
        }
    }

    @Test
    void olingo_reads_selected_filtered_and_sorted_feeds() throws Exception {
        EdmEntitySet set = container().getEntitySet("CsActiveUserDaily");
        testTenants.signIn(ACCOUNT);
        List<ActiveUserRow> rows =
                activeUsers.report(ActiveUserPeriod.DAILY, ZoneOffset.UTC).rows();
        TestTenants.signOut();
        LocalDateTime from = rows.get(rows.size() - 1).date().minusDays(6);
        List<ActiveUserRow> expected = rows.stream()
                .filter(row -> !row.date().isBefore(from))
                .sorted(java.util.Comparator.comparing(ActiveUserRow::date).reversed())
                .toList();

        for (String format : List.of("Atom", "Json")) {
            HttpResponse<byte[]> response = bytes(
                    RwsHttp.ROOT + "/CsActiveUserDaily",
                    "$select=Date,ActiveUsers&$filter=Date ge " + "datetime'" + from + "'&$orderby=Date desc&$format="
                            + format,
                    "UTC");
            ODataFeed feed = EntityProvider.readFeed(
                    response.headers().firstValue("Content-Type").orElseThrow(),
                    set,
                    new ByteArrayInputStream(response.body()),
                    EntityProviderReadProperties.init().build());

            assertThat(feed.getEntries()).hasSize(7);
            for (int i = 0; i < 7; i++) {
                ODataEntry entry = feed.getEntries().get(i);
                assertThat(entry.getProperties().keySet()).as(format).containsExactlyInAnyOrder("Date", "ActiveUsers");
                assertThat(entry.getProperties().get("ActiveUsers"))
                        .isEqualTo(expected.get(i).activeUsers());
                assertThat(wallClock((Calendar) entry.getProperties().get("Date")))
                        .isEqualTo(expected.get(i).date());
            }
        }
    }

    @Test
    void olingo_reads_an_entry_at_its_uri() throws Exception {
        EdmEntitySet set = container().getEntitySet("CsActiveUserMonthly");
        HttpResponse<byte[]> feedResponse = bytes(RwsHttp.ROOT + "/CsActiveUserMonthly", "", "UTC");
        ODataFeed feed = EntityProvider.readFeed(
                feedResponse.headers().firstValue("Content-Type").orElseThrow(),
                set,
                new ByteArrayInputStream(feedResponse.body()),
                EntityProviderReadProperties.init().build());

        for (ODataEntry listed : feed.getEntries()) {
            // Atom entries carry their URI as their id (the vendor's entries have no edit link)
            String uri = listed.getMetadata().getId();
            for (String format : List.of("", "$format=json")) {
                HttpResponse<byte[]> response =
                        bytes(uri.substring(("http://localhost:" + port).length()), format, "UTC");
                assertThat(response.statusCode()).isEqualTo(200);
                ODataEntry entry = EntityProvider.readEntry(
                        response.headers().firstValue("Content-Type").orElseThrow(),
                        set,
                        new ByteArrayInputStream(response.body()),
                        EntityProviderReadProperties.init().build());
                assertThat(entry.getProperties()).as(uri + " " + format).isEqualTo(listed.getProperties());
                assertThat(entry.getMetadata().getId()).isEqualTo(uri);
            }
        }
        assertThat(feed.getEntries()).isNotEmpty();
    }

    @Test
    void olingo_reads_the_error_of_a_bad_request() throws Exception {
        for (String format : List.of("", "$format=json&")) {
            HttpResponse<byte[]> response =
                    bytes(RwsHttp.ROOT + "/CsActiveUserDaily", format + "$filter=Foo eq 1", "UTC");

            ODataErrorContext error = EntityProvider.readErrorDocument(
                    new ByteArrayInputStream(response.body()),
                    response.headers().firstValue("Content-Type").orElseThrow());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(error.getErrorCode()).isEqualTo("BadRequest");
            assertThat(error.getMessage()).contains("Unknown field 'Foo' at position 1");
        }
    }

    private HttpResponse<byte[]> bytes(String path, String query, String zone) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(http.uri(path, query))
                .header("Authorization", RwsHttp.basic(ACCOUNT, DemoAccounts.PASSWORD))
                .header("X-timezone", zone)
                .GET()
                .build();
        return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static LocalDateTime wallClock(Calendar calendar) {
        return RwsDocumentsTest.wallClock(calendar);
    }
}
