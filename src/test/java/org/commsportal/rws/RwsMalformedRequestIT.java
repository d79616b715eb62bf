package org.commsportal.rws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Element;

/**
 * Malformed requests over HTTP: every one is a 400 with an OData error body whose message names the bad token (and
 * for $filter its position), never a 5xx, a stack trace or an ERROR in the log.
 */
@PortalIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RwsMalformedRequestIT {

    private static final String DAILY = RwsHttp.ROOT + "/CsActiveUserDaily";
    private static final String GUID = "16a58f78-539f-47f7-b9bf-02a63867d73b";

    @LocalServerPort
    int port;

    private RwsHttp http;

    @BeforeEach
    void client() {
        http = new RwsHttp(port);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                // $filter: fields, literals, quotes, parentheses, operands, trailing tokens
                bad("$filter=Foo eq 1", "Unknown field 'Foo' at position 1"),
                bad("$filter=activeusers gt 1", "Unknown field 'activeusers' at position 1"),
                bad(
                        "$filter=Date eq datetime'2013-02-30T00:00:00'",
                        "Invalid datetime literal datetime'2013-02-30T00:00:00' at position 9"),
                bad("$filter=Date eq datetime'2013-05-01 00:00:00'", "datetime'2013-05-01 00:00:00' at position 9"),
                bad("$filter=Date eq datetime'yesterday'", "datetime'yesterday' at position 9"),
                bad(
                        "$filter=Date ge datetimeoffset'2013-05-01T00:00:00Z'",
                        "Unsupported literal datetimeoffset'2013-05-01T00:00:00Z' at position 9"),
                bad("$filter=Date eq '13/45/2013'", "Invalid date '13/45/2013' at position 9"),
                bad("$filter=TenantName eq 'contoso", "Unclosed quote: the string starting at position 15"),
                bad("$filter=(ActiveUsers gt 1", "Unclosed parenthesis: the '(' at position 1"),
                bad("$filter=((ActiveUsers gt 1) and (ID gt 2)", "the '(' at position 1 of $filter is never closed"),
                bad("$filter=ActiveUsers gt 1)", "')' at position 17 of $filter closes no '('"),
                bad("$filter=ActiveUsers gt", "Missing operand at the end of $filter (position 15)"),
                bad("$filter=ActiveUsers gt 1 and", "Missing operand at the end of $filter (position 21)"),
                bad("$filter=gt 1", "Missing operand before 'gt' at position 1"),
                bad("$filter=ActiveUsers", "Missing comparison operator and operand after 'ActiveUsers' at position 1"),
                bad("$filter=ActiveUsers gt 1 ID eq 2", "Unexpected 'ID' at position 18"),
                bad("$filter=ActiveUsers gt 1 'x'", "Unexpected 'x' at position 18"),
                bad("$filter=", "$filter is empty"),
                // $filter: type mismatches and invalid values
                bad("$filter=ActiveUsers eq 'five'", "cannot be compared with 'five' at position 16"),
                bad("$filter=Date eq 5", "Date (Edm.DateTime) cannot be compared with '5' at position 9"),
                bad(
                        "$filter=ID eq datetime'2013-05-01'",
                        "ID (Edm.Int64) cannot be compared with datetime'2013-05-01' at position 7"),
                bad(
                        "$filter=TenantName eq guid'" + GUID + "'",
                        "TenantName (Edm.String) cannot be compared with guid'" + GUID + "' at position 15"),
                bad("$filter=TenantGuid eq 42", "TenantGuid (Edm.Guid) cannot be compared with '42' at position 15"),
                bad("$filter=TenantGuid eq guid'not-a-guid'", "Invalid guid literal guid'not-a-guid' at position 15"),
                bad(
                        "$filter=TenantGuid eq guid'16a58f78-539f-47f7-b9bf'",
                        "guid'16a58f78-539f-47f7-b9bf' at position 15"),
                bad("$filter=TenantGuid eq 'contoso'", "Invalid guid 'contoso' at position 15"),
                bad("$filter=ActiveUsers eq 1.5", "'1.5' at position 16"),
                bad("$filter=ID eq 99999999999999999999", "'99999999999999999999' at position 7"),
                bad(
                        "$filter=ActiveUsers eq ID",
                        "compares two fields ('ActiveUsers' at position 1 and 'ID' at position 16)"),
                bad("$filter=1 eq 1", "compares two values"),
                bad("$filter=TenantName eq null", "Unsupported literal 'null' at position 15"),
                // $filter: functions and operators this service does not take
                bad("$filter=substringof('contoso', TenantName)", "Unsupported function 'substringof' at position 1"),
                bad("$filter=tolower(TenantName) eq 'x'", "Unsupported function 'tolower' at position 1"),
                bad("$filter=year(Date) eq 2013", "Unsupported function 'year' at position 1"),
                bad("$filter=ActiveUsers add 1 gt 2", "Unsupported operator 'add' at position 13"),
                bad("$filter=ActiveUsers mod 2 eq 0", "Unsupported operator 'mod' at position 13"),
                bad("$filter=ActiveUsers EQ 1", "Unsupported operator 'EQ' at position 13"),
                bad("$filter=ActiveUsers > 1", "Unexpected character '>' at position 13"),
                bad("$filter=ActiveUsers gt 1 || ID gt 2", "Unexpected character '|' at position 18"),
                // $orderby
                bad("$orderby=Foo", "Unknown property 'Foo' in $orderby"),
                bad("$orderby=Date sideways", "Invalid sort direction 'sideways' after Date in $orderby"),
                bad("$orderby=Date DESC", "Invalid sort direction 'DESC'"),
                bad("$orderby=Date,,ID", "$orderby 'Date,,ID' has an empty key"),
                bad("$orderby=", "$orderby '' has an empty key"),
                // $select
                bad("$select=Date,Bogus", "Unknown property 'Bogus' in $select"),
                bad("$select=Date,", "$select 'Date,' has an empty item"),
                bad("$select=date", "Unknown property 'date' in $select"),
                // $top, $skip
                bad("$top=-1", "Invalid $top '-1'"),
                bad("$top=ten", "Invalid $top 'ten'"),
                bad("$top=1.0", "Invalid $top '1.0'"),
                bad("$top=99999999999999999999", "$top '99999999999999999999' is too large"),
                bad("$skip=-5", "Invalid $skip '-5'"),
                bad("$skip=1e3", "Invalid $skip '1e3'"),
                bad("$skip=", "Invalid $skip ''"),
                // $format
                bad("$format=xml", "Unsupported $format 'xml'"),
                bad("$format=text/csv", "Unsupported $format 'text/csv'"),
                // options this service does not take, other parameters, repeats
                bad("$expand=Tenant", "Unsupported query option $expand"),
                bad("$inlinecount=allpages", "Unsupported query option $inlinecount"),
                bad("$skiptoken=5", "Unsupported query option $skiptoken"),
                bad("$Filter=ID eq 1", "Unsupported query option $Filter"),
                bad("foo=bar", "Unknown query parameter 'foo'"),
                bad("$top=1&$top=2", "Query option $top is given 2 times"),
                bad("$filter=ID eq 1&$filter=ID eq 2", "Query option $filter is given 2 times"),
                bad("$format=atom&$format=Atom", "Query option $format is given 2 times"),
                // X-timezone
                zone("Mars/Olympus_Mons", "Unknown time zone 'Mars/Olympus_Mons' in the X-timezone header"),
                zone("Pacific Standard", "Unknown time zone 'Pacific Standard'"),
                zone("+25:00", "Unknown time zone '+25:00'"),
                zone("CEST", "Unknown time zone 'CEST'"),
                zone("Europe/Berlin, Asia/Tokyo", "Unknown time zone 'Europe/Berlin, Asia/Tokyo'"));
    }

    private static Arguments bad(String query, String expected) {
        return Arguments.of(query, Map.of(), expected);
    }

    private static Arguments zone(String header, String expected) {
        return Arguments.of("", Map.of(RequestedZone.HEADER, header), expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformed")
    void a_malformed_request_is_a_400_whose_odata_error_names_the_problem(
            String query, Map<String, String> headers, String expected, CapturedOutput output) throws Exception {
        int logged = output.getAll().length();

        HttpResponse<String> response = http.get(DAILY, query, "global.admin", DemoAccounts.PASSWORD, headers);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/xml;charset=utf-8");
        assertThat(response.headers().firstValue("DataServiceVersion")).isPresent();
        Element error = xmlError(response.body());
        assertThat(error.getElementsByTagNameNS(METADATA, "code").item(0).getTextContent())
                .isEqualTo("BadRequest");
        Element message =
                (Element) error.getElementsByTagNameNS(METADATA, "message").item(0);
        assertThat(message.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"))
                .isEqualTo("en-US");
        assertThat(message.getTextContent()).contains(expected);
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "org.commsportal");
        assertThat(output.getAll().substring(logged)).doesNotContain(" ERROR ", "Exception");
    }

    @Test
    void asked_for_json_the_error_is_odata_json() throws Exception {
        HttpResponse<String> response = http.get(DAILY, "$format=json&$filter=Foo eq 1", "global.admin");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        JsonNode error = new ObjectMapper().readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("BadRequest");
        assertThat(error.get("message").get("lang").asText()).isEqualTo("en-US");
        assertThat(error.get("message").get("value").asText()).contains("Unknown field 'Foo' at position 1");

        HttpResponse<String> accepted =
                http.get(DAILY, "$top=x", "global.admin", DemoAccounts.PASSWORD, Map.of("Accept", "application/json"));
        assertThat(accepted.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper()
                        .readTree(accepted.body())
                        .get("error")
                        .get("message")
                        .get("value")
                        .asText())
                .contains("Invalid $top 'x'");
    }

    @Test
    void a_blank_or_repeated_time_zone_header_is_refused() throws Exception {
        HttpResponse<String> blank =
                http.get(DAILY, "", "global.admin", DemoAccounts.PASSWORD, Map.of(RequestedZone.HEADER, " "));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(xmlError(blank.body()).getTextContent()).contains("X-timezone header is blank");

        var request = java.net.http.HttpRequest.newBuilder(http.uri(DAILY, ""))
                .header("Authorization", RwsHttp.basic("global.admin", DemoAccounts.PASSWORD))
                .header(RequestedZone.HEADER, "UTC")
                .header(RequestedZone.HEADER, "Europe/Berlin")
                .build();
        HttpResponse<String> repeated =
                java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(xmlError(repeated.body()).getTextContent()).contains("X-timezone header is given 2 times");
    }

    @Test
    void a_hostile_filter_is_refused_cleanly() throws Exception {
        HttpResponse<String> deep =
                http.get(DAILY, "$filter=" + "(".repeat(1000) + "ID eq 1" + ")".repeat(1000), "global.admin");
        HttpResponse<String> control = http.get(DAILY, "$filter=Foo\u0000 eq 1", "global.admin");
        String badEscape = raw("GET " + DAILY + "?%24filter=ID%20eq%20%ZZ HTTP/1.1");

        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(xmlError(deep.body()).getTextContent()).contains("nests too deeply");
        assertThat(control.statusCode()).isEqualTo(400);
        assertThat(xmlError(control.body()).getTextContent()).contains("Unexpected character '\\u0000' at position 4");
        assertThat(badEscape).startsWith("HTTP/1.1 400").contains("%ZZ").contains("<m:error");
    }

    /** Sends a request line that java.net.URI would refuse, over a plain socket, and returns the whole answer. */
    private String raw(String requestLine) throws Exception {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream()
                    .write((requestLine + "\r\nHost: localhost\r\nAuthorization: "
                                    + RwsHttp.basic("global.admin", DemoAccounts.PASSWORD)
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final String METADATA = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";

    static Element xmlError(String body) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element root = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(METADATA);
        assertThat(root.getLocalName()).isEqualTo("error");
        return root;
    }
}
