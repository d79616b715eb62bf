package org.commsportal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.security.Role;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhook endpoints against a real receiver started here: signed deliveries, retries with backoff after 500s and
 * timeouts under one idempotency key, the change feed carrying exactly the committed sessions, and the URLs refused.
 */
@PortalIntegrationTest
class WebhooksIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Webhooks webhooks;

    @Autowired
    WebhookSender sender;

    @Autowired
    SessionWriter writer;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    TestTenants testTenants;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @BeforeEach
    void newTenant() {
        tenant = testTenants.newTenant("webhooks");
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(WebhookReceiver::close);
        TestTenants.signOut();
    }

    private WebhookReceiver receiver() throws Exception {
        var receiver = new WebhookReceiver();
        receivers.add(receiver);
        return receiver;
    }

    /** Sends due deliveries until the receiver has {@code count} requests, at most 15 s. */
    private List<WebhookReceiver.Received> sendUntil(WebhookReceiver receiver, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (receiver.received().size() < count && System.nanoTime() < deadline) {
            sender.sendDue();
            Thread.sleep(20);
        }
        assertThat(receiver.received()).hasSizeGreaterThanOrEqualTo(count);
        return receiver.received();
    }

    @Test
    void a_delivery_is_signed_and_retried_with_growing_backoff_after_500s_under_one_idempotency_key() throws Exception {
        var receiver = receiver().answering(500, 500, 503);
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        CreatedWebhook created = webhooks.create("Alert receiver", WebhookKind.ALERTS, receiver.url());
        assertThat(created.secret()).startsWith("whsec_").hasSizeGreaterThan(40);
        String key = webhooks.enqueue(created.endpoint().id(), WebhookKind.ALERTS, "test.event", Map.of("n", 7));
        assertThat(key).isNotNull();

        List<WebhookReceiver.Received> requests = sendUntil(receiver, 4);
        assertThat(requests).hasSize(4);
        for (var request : requests) {
            assertThat(request.header("Idempotency-Key")).isEqualTo(key);
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.get("id").asText()).isEqualTo(key);
            assertThat(body.get("type").asText()).isEqualTo("test.event");
            assertThat(body.get("data").get("n").asInt()).isEqualTo(7);
            assertThat(request.header("X-Portal-Event")).isEqualTo("test.event");
            String signature = request.header(WebhookSignature.HEADER);
            assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
            assertThat(independentHmacMatches(created.secret(), signature, request.body()))
                    .as("HMAC-SHA256 over '<t>.<body>' recomputed here")
                    .isTrue();
            assertThat(WebhookSignature.verify(
                            created.secret(),
                            signature,
                            request.body(),
                            Instant.now().getEpochSecond(),
                            300))
                    .isTrue();
            assertThat(WebhookSignature.verify(
                            "whsec_wrong",
                            signature,
                            request.body(),
                            Instant.now().getEpochSecond(),
                            300))
                    .isFalse();
            assertThat(WebhookSignature.verify(
                            created.secret(),
                            signature,
                            request.body() + " ",
                            Instant.now().getEpochSecond(),
                            300))
                    .isFalse();
        }
        // retry-base 0.2 s in the tests: the waits after the 1st, 2nd and 3rd failure are 0.2, 0.4 and 0.8 s
        long[] gapsMillis = new long[3];
        for (int i = 0; i < 3; i++) {
            gapsMillis[i] =
                    (requests.get(i + 1).arrivedNanos() - requests.get(i).arrivedNanos()) / 1_000_000;
        }
        assertThat(gapsMillis[0]).isGreaterThanOrEqualTo(190);
        assertThat(gapsMillis[1]).isGreaterThanOrEqualTo(390);
        assertThat(gapsMillis[2]).isGreaterThanOrEqualTo(790);

        var log = webhooks.deliveries(created.endpoint().id(), 0, 10);
        assertThat(log).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(WebhookDelivery.Status.DELIVERED);
            assertThat(d.attempts()).isEqualTo(4);
            assertThat(d.lastStatus()).isEqualTo(200);
            assertThat(d.idempotencyKey()).isEqualTo(key);
        });
        sender.sendDue();
        assertThat(receiver.received())
                .as("a delivered delivery is not sent again")
                .hasSize(4);
    }

    @Test
    void a_receiver_that_does_not_answer_in_time_gets_the_delivery_again_with_the_same_key() throws Exception {
        var receiver = receiver().delayingFirst(2500);
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        CreatedWebhook created = webhooks.create("Slow receiver", WebhookKind.ALERTS, receiver.url());
        String key = webhooks.enqueue(created.endpoint().id(), WebhookKind.ALERTS, "test.event", Map.of());
        List<WebhookReceiver.Received> requests = sendUntil(receiver, 2);
        assertThat(requests).extracting(r -> r.header("Idempotency-Key")).containsOnly(key);
        var delivery = webhooks.deliveries(created.endpoint().id(), 0, 10).get(0);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (delivery.status() != WebhookDelivery.Status.DELIVERED && System.nanoTime() < deadline) {
            sender.sendDue();
            Thread.sleep(50);
            delivery = webhooks.deliveries(created.endpoint().id(), 0, 10).get(0);
        }
        assertThat(delivery.status()).isEqualTo(WebhookDelivery.Status.DELIVERED);
        assertThat(delivery.attempts()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void the_change_feed_receives_exactly_the_committed_sessions_with_a_replaced_one_and_nothing_rolled_back()
            throws Exception {
        var receiver = receiver();
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        CreatedWebhook feed = webhooks.create("Feed", WebhookKind.CHANGE_FEED, receiver.url());
        TestTenants.signOut();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));

        write(session("feed-1", start, 200), session("feed-2", start.plusSeconds(60), 500));
        long firstId = sessionId("feed-1");
        // a rolled-back write sends nothing
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                    write(session("feed-3", start.plusSeconds(120), 200));
                    throw new IllegalStateException("rolled back on purpose");
                }))
                .hasMessageContaining("on purpose");
        // the replacement of feed-1: a new version with another response code
        write(session("feed-1", start, 486));
        long replacementId = sessionId("feed-1");
        assertThat(replacementId).isNotEqualTo(firstId);

        Set<String> keys = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (deliveredCount(feed.endpoint().id()) < 2 && System.nanoTime() < deadline) {
            sender.sendDue();
            Thread.sleep(20);
        }
        List<WebhookReceiver.Received> requests = receiver.received();
        assertThat(requests).hasSize(2);
        Map<Long, JsonNode> sessions = new HashMap<>();
        List<Long> removed = new ArrayList<>();
        for (var request : requests) {
            assertThat(WebhookSignature.verify(
                            feed.secret(),
                            request.header(WebhookSignature.HEADER),
                            request.body(),
                            Instant.now().getEpochSecond(),
                            300))
                    .isTrue();
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.get("type").asText()).isEqualTo("sessions.changed");
            assertThat(request.header("Idempotency-Key"))
                    .isEqualTo(body.get("id").asText());
            keys.add(body.get("id").asText());
            body.get("data")
                    .get("sessions")
                    .forEach(s -> sessions.put(s.get("sessionId").asLong(), s));
            body.get("data").get("removedSessionIds").forEach(id -> removed.add(id.asLong()));
        }
        assertThat(keys).as("one key per batch").hasSize(2);
        assertThat(sessions.values())
                .extracting(s ->
                        s.get("dialogId").asText() + "=" + s.get("responseCode").asInt())
                .containsExactlyInAnyOrder("feed-1=200", "feed-2=500", "feed-1=486");
        assertThat(sessions).containsKeys(firstId, replacementId, sessionId("feed-2"));
        assertThat(removed).as("the replaced version's id").containsExactly(firstId);
        JsonNode replacement = sessions.get(replacementId);
        assertThat(replacement.get("fromUri").asText()).isEqualTo("sip:ada@" + tenant.name());
        assertThat(replacement.get("start").asText()).isEqualTo(start.toString());
        assertThat(replacement.get("mediaDurationsMs").get("AUDIO").asLong()).isEqualTo(60_000);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t AND dialog_id = 'feed-3'")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void urls_to_internal_addresses_and_other_bad_input_are_refused_with_a_clear_error_and_nothing_written() {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        assertThatThrownBy(() -> webhooks.create("x", WebhookKind.ALERTS, "https://169.254.169.254/latest/meta-data"))
                .isInstanceOf(WebhookProblem.class)
                .hasMessageContaining("link-local or cloud metadata address (169.254.169.254)");
        assertThatThrownBy(() -> webhooks.create("x", WebhookKind.ALERTS, "https://[fd00:ec2::254]/"))
                .isInstanceOf(WebhookProblem.class)
                .hasMessageContaining("metadata");
        assertThatThrownBy(() -> webhooks.create("x", WebhookKind.ALERTS, "https://10.1.2.3/hook"))
                .isInstanceOf(WebhookProblem.class)
                .hasMessageContaining("private, loopback or otherwise internal address (10.1.2.3)");
        assertThatThrownBy(() -> webhooks.create("x", WebhookKind.ALERTS, "https://[::ffff:192.168.1.20]/hook"))
                .isInstanceOf(WebhookProblem.class)
                .hasMessageContaining("(192.168.1.20)");
        assertThatThrownBy(() -> webhooks.create("x", WebhookKind.ALERTS, "https://127.0.0.2/hook"))
                .isInstanceOf(WebhookProblem.class)
                .hasMessageContaining("internal address (127.0.0.2)");
        assertThatThrownBy(() -> webhooks.create("x", WebhookKind.ALERTS, "http://93.184.215.14/hook"))
                .isInstanceOf(WebhookProblem.class)
                .hasMessageContaining("Only https URLs");
        assertThatThrownBy(() -> webhooks.create("x", WebhookKind.ALERTS, "ftp://93.184.215.14/hook"))
                .isInstanceOf(WebhookProblem.class)
                .hasMessageContaining("not an https URL");
        assertThatThrownBy(() -> webhooks.create("x", WebhookKind.ALERTS, "not a url"))
                .isInstanceOf(WebhookProblem.class)
                .hasMessageContaining("is not a");
        assertThatThrownBy(() -> webhooks.create("x", WebhookKind.ALERTS, "https://me:pw@93.184.215.14/"))
                .isInstanceOf(WebhookProblem.class)
                .hasMessageContaining("user name or password");
        assertThatThrownBy(() -> webhooks.create(" ", WebhookKind.ALERTS, "https://93.184.215.14/"))
                .isInstanceOf(WebhookProblem.class)
                .hasMessageContaining("name");
        assertThat(webhooks.endpoints()).isEmpty();
        TestTenants.signOut();

        testTenants.signInAs(tenant, Role.GLOBAL_READER);
        assertThat(webhooks.endpoints()).isEmpty();
        assertThatThrownBy(() -> webhooks.create("x", WebhookKind.ALERTS, "https://93.184.215.14/"))
                .isInstanceOf(AccessDeniedException.class);
        TestTenants.signOut();
        testTenants.signInAs(tenant, Role.REPORTS_READER);
        assertThatThrownBy(() -> webhooks.endpoints()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void creating_and_deleting_an_endpoint_is_audited_and_its_secret_is_never_listed() throws Exception {
        var receiver = receiver();
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        CreatedWebhook created = webhooks.create("Audited", WebhookKind.CHANGE_FEED, receiver.url());
        assertThat(webhooks.endpoints())
                .singleElement()
                .hasToString(created.endpoint().toString());
        assertThat(created.endpoint().toString()).doesNotContain(created.secret());
        webhooks.delete(created.endpoint().id());
        assertThat(webhooks.endpoints()).isEmpty();
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE tenant_id = :t ORDER BY id")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .containsSubsequence("WEBHOOK_CREATED", "WEBHOOK_DELETED");
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .noneMatch(detail -> detail.contains(created.secret()));
    }

    private long deliveredCount(long endpointId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = :e AND status = 'DELIVERED'")
                .param("e", endpointId)
                .query(Long.class)
                .single();
    }

    private long sessionId(String dialogId) {
        return jdbc.sql("SELECT id FROM comm_session WHERE tenant_id = :t AND dialog_id = :d")
                .param("t", tenant.id())
                .param("d", dialogId)
                .query(Long.class)
                .single();
    }

    private static boolean independentHmacMatches(String secret, String header, String body) throws Exception {
        String t = header.substring(2, header.indexOf(','));
        String v1 = header.substring(header.indexOf("v1=") + 3);
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((t + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(expected).equals(v1);
    }

    private void write(SessionRecord... records) {
        currentTenant.runAs(tenant.id(), () -> writer.write(List.of(records)));
    }

    private SessionRecord session(String id, Instant start, @Nullable Integer responseCode) {
        return new SessionRecord(
                id,
                start,
                start.plusSeconds(60),
                "sip:ada@" + tenant.name(),
                "sip:bob@" + tenant.name(),
                "UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                responseCode,
                null,
                List.of(new MediaUsage(Modality.AUDIO, 60_000)),
                0,
                Quality.Report.none(),
                null,
                null,
                null,
                null);
    }
}
