package org.commsportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.commsportal.common.SecretTokens;
import org.junit.jupiter.api.Test;

/**
 * The packaged portal with a 512 MB heap takes the bodies that ran it out of memory (32 MiB of "{}" lines, 31 MB of bad
 * sessions) at the default 32 MiB limit: each is refused with the first 1,000 problems, and the next request works
 * at once.
 */
class IngestMemoryIT {

    private static final String KEY = "cui_memory-test-key-" + Long.toHexString(System.nanoTime());

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void bodies_of_millions_of_bad_records_under_a_512_mb_heap_are_refused_and_the_next_request_works()
            throws Exception {
        try (PackagedPortal portal =
                PackagedPortal.start("memory.example", "memory.admin", "memory-admin-password-42")) {
            int port = portal.port;
            portal.db.sql(
                    "INSERT INTO portal.ingestion_key (tenant_id, name, key_prefix, key_hash, created_at, created_by) "
                            + "SELECT id, 'memory test', '" + SecretTokens.shownPrefix(KEY) + "', '"
                            + SecretTokens.hash(KEY)
                            + "', NOW(3), 'test' FROM portal.tenant WHERE name = 'memory.example'");

            byte[] empties = "{}\n".repeat((32 * 1024 * 1024 - 2) / 3).getBytes(StandardCharsets.UTF_8);
            var bad = new StringBuilder();
            for (int i = 0; bad.length() < 31_000_000; i++) {
                bad.append("{\"dialogId\":\"")
                        .append(i)
                        .append("\",\"startTime\":\"yesterday\",\"endTime\":\"today\","
                                + "\"fromUri\":\"nobody\",\"media\":[{\"type\":\"FAX\"}],\"color\":\"blue\"}\n");
            }
            for (byte[] body : new byte[][] {empties, bad.toString().getBytes(StandardCharsets.UTF_8)}) {
                long started = System.nanoTime();
                HttpResponse<String> refused = post(port, body);
                long millis = (System.nanoTime() - started) / 1_000_000;
                System.out.printf(
                        "-Xmx512m: %d bytes of bad records -> %d in %d ms, %d bytes of answer%n",
                        body.length,
                        refused.statusCode(),
                        millis,
                        refused.body().length());

                assertThat(refused.statusCode())
                        .as(refused.body()
                                .substring(0, Math.min(500, refused.body().length())))
                        .isEqualTo(422);
                assertThat(refused.body()).contains("\"problemCount\"", "The first 1000 are listed.");
                assertThat(refused.body().length()).isLessThan(300_000);
                assertThat(millis).as("milliseconds").isLessThan(60_000);

                String day = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
                long next = System.nanoTime();
                HttpResponse<String> accepted =
                        post(port, """
                        {"dialogId":"after-%d","startTime":"%sT09:00:00Z","endTime":"%sT09:01:00Z",\
                        "fromUri":"sip:ann@memory.example","media":[{"type":"IM","durationMs":1000}]}""".formatted(System.nanoTime(), day, day).getBytes(StandardCharsets.UTF_8));
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
                assertThat((System.nanoTime() - next) / 1_000_000)
                        .as("the next request, ms")
                        .isLessThan(5_000);
            }
            assertThat(portal.isAlive()).isTrue();
            assertThat(Files.readString(portal.log)).doesNotContain("OutOfMemoryError");
        }
    }

    private HttpResponse<String> post(int port, byte[] body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ingest/sessions"))
                        .timeout(Duration.ofSeconds(120))
                        .header("Authorization", "Bearer " + KEY)
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
