package org.commsportal.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.ingest.IngestionKeys;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The users API's optional objectId, and call-record participants matched by it before their UPN. */
@PortalIntegrationTest
class ObjectIdMatchingIT {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants testTenants;

    @Autowired
    IngestionKeys keys;

    @Autowired
    ImportCommands commands;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path files;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void users_sent_with_an_object_id_are_matched_by_it_and_a_later_send_without_one_keeps_it() throws Exception {
        Tenant tenant = testTenants.newTenant("object-id");
        String key = testTenants.newIngestionKey(tenant, keys, "directory sync");
        String d = tenant.name();
        assertThat(post(key, """
                [{"upn":"eve@%1$s","alias":"eve","displayName":"Eve","licensedFrom":"2025-01-01",
                  "objectId":"EEEEEEEE-0000-4000-8000-00000000000E"},
                 {"upn":"fay@%1$s","alias":"fay","displayName":"Fay","licensedFrom":"2025-01-01"}]""".formatted(d)).statusCode()).isEqualTo(200);
        assertThat(post(key, """
                [{"upn":"eve@%s","alias":"eve","displayName":"Eve E.","licensedFrom":"2025-01-01"}]""".formatted(d)).statusCode()).isEqualTo(200);
        HttpResponse<String> bad = post(key, """
                [{"upn":"gil@%s","alias":"gil","displayName":"Gil","licensedFrom":"2025-01-01","objectId":"nope"}]""".formatted(d));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("\"field\":\"objectId\"", "must be a GUID");

        String day = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        Path record = Files.writeString(files.resolve("call.json"), """
                {"id":"abababab-0000-4000-8000-0000000000ab","version":1,"type":"peerToPeer","sessions":[
                 {"id":"s","modalities":["audio"],"startDateTime":"%1$sT08:00:00Z","endDateTime":"%1$sT08:01:00Z",
                  "caller":{"identity":{"user":{"id":"eeeeeeee-0000-4000-8000-00000000000e","userPrincipalName":"old.name@%2$s"}}},
                  "callee":{"identity":{"user":{"id":"ffffffff-0000-4000-8000-00000000000f","userPrincipalName":"Fay@%2$s"}}}}]}""".formatted(day, d));
        var output = new ByteArrayOutputStream();
        assertThat(commands.execute(
                        List.of("import", "teams-call-records", record.toString(), "--tenant=" + d),
                        new PrintStream(output, true, StandardCharsets.UTF_8)))
                .as(output.toString(StandardCharsets.UTF_8))
                .isZero();

        assertThat(jdbc.sql("""
                        SELECT CONCAT(s.from_uri, ' ', f.display_name, ' / ', s.to_uri, ' ', t.display_name)
                        FROM comm_session s JOIN licensed_user f ON f.id = s.from_user_id
                        JOIN licensed_user t ON t.id = s.to_user_id WHERE s.tenant_id = :t""").param("t", tenant.id()).query(String.class).single())
                .isEqualTo("sip:eve@" + d + " Eve E. / sip:fay@" + d + " Fay");
    }

    private HttpResponse<String> post(String key, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ingest/users"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
