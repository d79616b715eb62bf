package org.commsportal.rws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.olingo.odata2.api.edm.Edm;
import org.apache.olingo.odata2.api.edm.EdmEntitySet;
import org.apache.olingo.odata2.api.edm.EdmEntityType;
import org.apache.olingo.odata2.api.ep.EntityProvider;
import org.apache.olingo.odata2.api.ep.EntityProviderReadProperties;
import org.apache.olingo.odata2.api.ep.entry.ODataEntry;
import org.apache.olingo.odata2.api.ep.feed.ODataFeed;
import org.apache.olingo.odata2.api.processor.ODataErrorContext;
import org.apache.olingo.odata2.api.servicedocument.ServiceDocument;
import org.commsportal.activeusers.ActiveUserPeriod;
import org.junit.jupiter.api.Test;

/** The documents the service writes, read back by Apache Olingo's OData v2 client library and checked as text. */
class RwsDocumentsTest {

    private static final String ROOT = "https://reports.example/ecp/ReportingWebService/Reporting.svc";
    private static final UUID GUID = UUID.fromString("16a58f78-539f-47f7-b9bf-02a63867d73b");
    private static final String TENANT = "example.onmicrosoft.com <&> \"quoted\"";
    private static final List<ReportRow> ROWS = List.of(
            new ReportRow(2209, LocalDateTime.of(2013, 5, 5, 0, 0), java.util.Map.of(ReportField.ACTIVE_USERS, 5L)),
            new ReportRow(2210, LocalDateTime.of(2013, 5, 12, 0, 0), java.util.Map.of(ReportField.ACTIVE_USERS, 0L)));
    private static final List<ReportField> ALL = ReportKind.ACTIVE_USER.fields();
    private static final EntitySet WEEKLY = new EntitySet(ReportKind.ACTIVE_USER, ActiveUserPeriod.WEEKLY);

    @Test
    void the_metadata_document_is_read_by_olingo_with_the_key_the_types_and_every_set() throws Exception {
        Edm edm = EntityProvider.readMetadata(new ByteArrayInputStream(ServiceDocuments.metadata()), true);

        assertThat(edm.getDefaultEntityContainer().getName()).isEqualTo("TenantReportObjects");
        for (ActiveUserPeriod period : ActiveUserPeriod.values()) {
            EdmEntitySet set = edm.getDefaultEntityContainer().getEntitySet(period.entitySet());
            assertThat(set).as(period.entitySet()).isNotNull();
            EdmEntityType type = set.getEntityType();
            assertThat(type.getNamespace() + "." + type.getName()).isEqualTo("TenantReporting.CsActiveUserReport");
            assertThat(type.getKeyPropertyNames()).containsExactly("Date");
            assertThat(type.getPropertyNames())
                    .containsExactly("ActiveUsers", "Date", "ID", "TenantGuid", "TenantName");
            assertThat(((org.apache.olingo.odata2.api.edm.EdmProperty) type.getProperty("ActiveUsers"))
                            .getType()
                            .getName())
                    .isEqualTo("Int64");
            assertThat(((org.apache.olingo.odata2.api.edm.EdmProperty) type.getProperty("TenantGuid"))
                            .getType()
                            .getName())
                    .isEqualTo("Guid");
        }
        EdmEntityType conference = edm.getDefaultEntityContainer()
                .getEntitySet("CsConferenceMonthly")
                .getEntityType();
        assertThat(conference.getNamespace() + "." + conference.getName())
                .isEqualTo("TenantReporting.CsConferenceReport");
        assertThat(conference.getKeyPropertyNames()).containsExactly("Date");
        assertThat(conference.getPropertyNames())
                .containsExactly(
                        "ApplicationSharingConferences",
                        "AVConferences",
                        "Date",
                        "ID",
                        "IMConferences",
                        "TelephonyConferences",
                        "TenantGuid",
                        "TenantName",
                        "TotalConferences",
                        "WebConferences");
        assertThat(edm.getDefaultEntityContainer().getEntitySets()).hasSize(RwsHttp.ENTITY_SETS.size());
    }

    @Test
    void an_atom_feed_is_read_by_olingo_with_every_property_value() throws Exception {
        byte[] atom = AtomFeedWriter.write(ROOT, WEEKLY, GUID, TENANT, ROWS, ALL, Instant.EPOCH);

        ODataFeed feed = EntityProvider.readFeed(
                "application/atom+xml",
                weekly(),
                new ByteArrayInputStream(atom),
                EntityProviderReadProperties.init().build());

        assertThat(feed.getEntries()).hasSize(2);
        Map<String, Object> first = feed.getEntries().get(0).getProperties();
        assertThat(first)
                .containsEntry("ActiveUsers", 5L)
                .containsEntry("ID", 2209L)
                .containsEntry("TenantGuid", GUID)
                .containsEntry("TenantName", TENANT);
        assertThat(wallClock((Calendar) first.get("Date"))).isEqualTo(LocalDateTime.of(2013, 5, 5, 0, 0));
        assertThat(feed.getEntries().get(1).getProperties()).containsEntry("ActiveUsers", 0L);
        assertThat(feed.getEntries().get(0).getMetadata().getId())
                .isEqualTo(ROOT + "/CsActiveUserWeekly(datetime'2013-05-05T00%3A00%3A00')");
    }

    @Test
    void a_json_feed_is_read_by_olingo_with_every_property_value() throws Exception {
        byte[] json = JsonFeedWriter.write(ROOT, WEEKLY, GUID, TENANT, ROWS, ALL);

        ODataFeed feed = EntityProvider.readFeed(
                "application/json",
                weekly(),
                new ByteArrayInputStream(json),
                EntityProviderReadProperties.init().build());

        assertThat(feed.getEntries()).hasSize(2);
        Map<String, Object> first = feed.getEntries().get(0).getProperties();
        assertThat(first)
                .containsEntry("ActiveUsers", 5L)
                .containsEntry("ID", 2209L)
                .containsEntry("TenantGuid", GUID)
                .containsEntry("TenantName", TENANT);
        assertThat(wallClock((Calendar) first.get("Date"))).isEqualTo(LocalDateTime.of(2013, 5, 5, 0, 0));
        assertThat(feed.getEntries().get(0).getMetadata().getUri())
                .isEqualTo(ROOT + "/CsActiveUserWeekly(datetime'2013-05-05T00%3A00%3A00')");
    }

    @Test
    void a_single_entry_is_read_by_olingo_in_both_formats() throws Exception {
        ReportRow row = ROWS.get(0);
        byte[] atom = AtomFeedWriter.writeEntry(ROOT, WEEKLY, GUID, TENANT, row, ALL, Instant.EPOCH);
        byte[] json = JsonFeedWriter.writeEntry(
                ROOT, WEEKLY, GUID, TENANT, row, List.of(ReportField.DATE, ReportField.ACTIVE_USERS));

        ODataEntry fromAtom = EntityProvider.readEntry(
                "application/atom+xml;type=entry",
                weekly(),
                new ByteArrayInputStream(atom),
                EntityProviderReadProperties.init().build());
        ODataEntry fromJson = EntityProvider.readEntry(
                "application/json",
                weekly(),
                new ByteArrayInputStream(json),
                EntityProviderReadProperties.init().build());

        assertThat(fromAtom.getProperties())
                .containsEntry("ActiveUsers", 5L)
                .containsEntry("ID", 2209L)
                .containsEntry("TenantGuid", GUID)
                .containsEntry("TenantName", TENANT);
        assertThat(fromJson.getProperties())
                .containsOnlyKeys("Date", "ActiveUsers")
                .containsEntry("ActiveUsers", 5L);
        assertThat(wallClock((Calendar) fromJson.getProperties().get("Date"))).isEqualTo(row.date());
        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"d\":{\"__metadata\":{");
        assertThat(new String(atom, StandardCharsets.UTF_8))
                .startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + "<entry xml:base=\"" + ROOT
                        + "/\" xmlns=\"http://www.w3.org/2005/Atom\"");
    }

    @Test
    void the_json_feed_is_the_vendors_example_byte_for_byte_apart_from_whitespace() {
        byte[] json = JsonFeedWriter.write(
                ROOT, WEEKLY, GUID, TENANT, ROWS.subList(0, 1), List.of(ReportField.DATE, ReportField.ACTIVE_USERS));

        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo("{\"d\":{\"results\":[{\"__metadata\":{"
                        + "\"id\":\"" + ROOT + "/CsActiveUserWeekly(datetime'2013-05-05T00%3A00%3A00')\","
                        + "\"uri\":\"" + ROOT + "/CsActiveUserWeekly(datetime'2013-05-05T00%3A00%3A00')\","
                        + "\"type\":\"TenantReporting.CsActiveUserReport\"},"
                        + "\"Date\":\"\\/Date(1367712000000)\\/\",\"ActiveUsers\":\"5\"}]}}");
    }

    @Test
    void the_atom_feed_has_the_vendors_elements_with_standard_namespaces() {
        String atom = new String(
                AtomFeedWriter.write(
                        ROOT,
                        new EntitySet(ReportKind.ACTIVE_USER, ActiveUserPeriod.DAILY),
                        GUID,
                        TENANT,
                        List.of(new ReportRow(
                                15839,
                                LocalDateTime.of(2013, 5, 14, 0, 0),
                                java.util.Map.of(ReportField.ACTIVE_USERS, 5L))),
                        List.of(ReportField.DATE, ReportField.ACTIVE_USERS),
                        Instant.parse("2013-06-25T19:01:23.456Z")),
                StandardCharsets.UTF_8);

        assertThat(atom)
                .startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed")
                .contains(
                        "xml:base=\"" + ROOT + "/\"",
                        "xmlns=\"http://www.w3.org/2005/Atom\"",
                        "xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\"",
                        "xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\"",
                        "<id>" + ROOT + "/CsActiveUserDaily</id>",
                        "<title type=\"text\">CsActiveUserDaily</title>",
                        "<updated>2013-06-25T19:01:23Z</updated>",
                        "<link rel=\"self\" title=\"CsActiveUserDaily\" href=\"CsActiveUserDaily\"/>",
                        "<entry><id>" + ROOT + "/CsActiveUserDaily(datetime'2013-05-14T00%3A00%3A00')</id>",
                        "<category term=\"TenantReporting.CsActiveUserReport\" "
                                + "scheme=\"http://schemas.microsoft.com/ado/2007/08/dataservices/scheme\"/>",
                        "<title/><updated>2013-06-25T19:01:23Z</updated><author><name/></author>",
                        "<content type=\"application/xml\"><m:properties>"
                                + "<d:Date m:type=\"Edm.DateTime\">2013-05-14T00:00:00</d:Date>"
                                + "<d:ActiveUsers m:type=\"Edm.Int64\">5</d:ActiveUsers></m:properties></content></entry>")
                .doesNotContain("https://schemas");
    }

    @Test
    void the_service_documents_list_every_set() throws Exception {
        ServiceDocument atom = EntityProvider.readServiceDocument(
                new ByteArrayInputStream(ServiceDocuments.atomService(ROOT)), "application/atomsvc+xml");
        ServiceDocument json = EntityProvider.readServiceDocument(
                new ByteArrayInputStream(ServiceDocuments.jsonService()), "application/json");

        List<String> sets = RwsHttp.ENTITY_SETS;
        assertThat(atom.getEntitySetsInfo())
                .extracting(info -> info.getEntitySetName())
                .containsExactlyElementsOf(sets);
        assertThat(json.getEntitySetsInfo())
                .extracting(info -> info.getEntitySetName())
                .containsExactlyElementsOf(sets);
        assertThat(new String(ServiceDocuments.jsonService(), StandardCharsets.UTF_8))
                .isEqualTo("{\"d\":{\"EntitySets\":[\"" + String.join("\",\"", sets) + "\"]}}");
    }

    @Test
    void error_documents_are_read_by_olingo_in_both_formats() throws Exception {
        String message = "Unknown field 'Foo' at position 1 of $filter <&>";
        ODataErrorContext xml = EntityProvider.readErrorDocument(
                new ByteArrayInputStream(ODataErrors.body(ODataFormat.ATOM, "BadRequest", message)), "application/xml");
        ODataErrorContext json = EntityProvider.readErrorDocument(
                new ByteArrayInputStream(ODataErrors.body(ODataFormat.JSON, "BadRequest", message)),
                "application/json");

        for (ODataErrorContext error : List.of(xml, json)) {
            assertThat(error.getErrorCode()).isEqualTo("BadRequest");
            assertThat(error.getMessage()).isEqualTo(message);
            assertThat(error.getLocale().getLanguage()).isEqualTo("en");
            assertThat(error.getLocale().getCountry()).isEqualTo("US");
        }
        assertThat(new String(ODataErrors.body(ODataFormat.ATOM, "BadRequest", "x"), StandardCharsets.UTF_8))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?><m:error xmlns:m=\""
                        + "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\"><m:code>BadRequest</m:code>"
                        + "<m:message xml:lang=\"en-US\">x</m:message></m:error>");
    }

    private static EdmEntitySet weekly() throws Exception {
        Edm edm = EntityProvider.readMetadata(new ByteArrayInputStream(ServiceDocuments.metadata()), false);
        return edm.getDefaultEntityContainer().getEntitySet("CsActiveUserWeekly");
    }

    /** Edm.DateTime carries no zone: Olingo gives a calendar whose fields are the wall-clock time. */
    static LocalDateTime wallClock(Calendar calendar) {
        return LocalDateTime.of(
                calendar.get(Calendar.YEAR),
                calendar.get(Calendar.MONTH) + 1,
                calendar.get(Calendar.DAY_OF_MONTH),
                calendar.get(Calendar.HOUR_OF_DAY),
                calendar.get(Calendar.MINUTE),
                calendar.get(Calendar.SECOND),
                calendar.get(Calendar.MILLISECOND) * 1_000_000);
    }
}
