package org.commsportal.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.common.ClientVersions;
import org.commsportal.lease.JobLeases;
import org.commsportal.locations.LocationService;
import org.commsportal.quality.QualitySplit;
import org.commsportal.security.Role;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.sessions.Side;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.commsportal.webhooks.CreatedWebhook;
import org.commsportal.webhooks.WebhookKind;
import org.commsportal.webhooks.WebhookReceiver;
import org.commsportal.webhooks.WebhookSender;
import org.commsportal.webhooks.WebhookSignature;
import org.commsportal.webhooks.Webhooks;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Threshold alerts evaluated at chosen moments against sessions written here: firing once, resolving, the cooldown,
 * per split, every figure equal to a recomputation from the raw session rows (the classification table of
 * docs/reliability.md restated), the email read back from a real SMTP server (GreenMail) and the signed webhook from
 * a real receiver, the gauges, the refused rules and the roles.
 */
@PortalIntegrationTest
class AlertsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SKYPE_16_0_4849 = "UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)";

    @Autowired
    AlertRules rules;

    @Autowired
    AlertRuleRepository repository;

    @Autowired
    AlertFigures figures;

    @Autowired
    AlertGauges gauges;

    @Autowired
    LocationService locations;

    @Autowired
    MeterRegistry registry;

    @Autowired
    Webhooks webhooks;

    @Autowired
    WebhookSender sender;

    @Autowired
    JobLeases leases;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    TenantService tenants;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    SessionWriter writer;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private GreenMail smtp;
    private WebhookReceiver receiver;
    private final MovableClock clock = new MovableClock();
    private AlertEvaluator evaluator;
    private String admin;

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        volatile Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() throws Exception {
        tenant = testTenants.newTenant("alerts");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        var mailSender = new JavaMailSenderImpl();
        mailSender.setHost("127.0.0.1");
        mailSender.setPort(port);
        evaluator = new AlertEvaluator(
                repository,
                figures,
                new AlertMail(mailSender, "portal@alerts.test"),
                webhooks,
                leases,
                currentTenant,
                tenants,
                transactions,
                clock,
                true);
        receiver = new WebhookReceiver();
        admin = testTenants.newAccount(tenant, Role.GLOBAL_ADMIN);
    }

    @AfterEach
    void stop() {
        smtp.stop();
        receiver.close();
        TestTenants.signOut();
    }

    @Test
    void a_rule_fires_once_resolves_and_keeps_its_cooldown_with_figures_equal_to_the_raw_rows() throws Exception {
        Instant t = clock.now;
        testTenants.signIn(admin);
        CreatedWebhook hook = webhooks.create("Alerts", WebhookKind.ALERTS, receiver.url());
        AlertRule rule = rules.create(new AlertRuleInput(
                "Setup failures",
                AlertMetric.SETUP_FAILURES,
                null,
                null,
                AlertWindow.HOUR,
                20.0,
                5,
                60,
                hook.endpoint().id(),
                List.of(admin),
                true));
        TestTenants.signOut();

        // older than the hour: never counted
        write(
                session("old-1", t.minus(Duration.ofMinutes(90)), 500, false),
                session("old-2", t.minus(Duration.ofMinutes(61)), 500, false));
        // 3 setup failures, 1 expected failure (486), 6 successes in the hour, one of them a re-send of a failure
        List<SessionRecord> phaseA = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int code = i < 3 ? 500 : i == 3 ? 486 : 200;
            phaseA.add(session("a-" + i, t.minus(Duration.ofMinutes(50 - i)), i == 9 ? 503 : code, false));
        }
        write(phaseA.toArray(SessionRecord[]::new));
        write(session("a-9", t.minus(Duration.ofMinutes(41)), 200, false)); // the re-send replaces the failure

        assertThat(evaluator.evaluate(tenant.id())).isEqualTo(1);
        AlertEvent fired = history().get(0);
        assertThat(fired.kind()).isEqualTo(AlertEvent.Kind.FIRED);
        assertEqualsRecomputation(fired, t.minus(Duration.ofHours(1)), t, null);
        assertThat(fired.numerator()).isEqualTo(3);
        assertThat(fired.denominator()).isEqualTo(9);
        assertThat(fired.emailStatus()).isEqualTo("sent to " + admin);
        assertThat(fired.webhookStatus()).startsWith("queued as ");

        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).contains("Setup failures fired").contains("33.33 %");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(admin);
        assertThat(mail.getContent().toString()).contains("3 setup failures of 9 attempts = 33.33 %");

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (receiver.received().isEmpty() && System.nanoTime() < deadline) {
            sender.sendDue();
            Thread.sleep(20);
        }
        var request = receiver.received().get(0);
        assertThat(WebhookSignature.verify(
                        hook.secret(),
                        request.header(WebhookSignature.HEADER),
                        request.body(),
                        Instant.now().getEpochSecond(),
                        300))
                .isTrue();
        JsonNode data = JSON.readTree(request.body()).get("data");
        assertThat(data.get("state").asText()).isEqualTo("FIRED");
        assertThat(data.get("numerator").asLong()).isEqualTo(3);
        assertThat(data.get("denominator").asLong()).isEqualTo(9);
        assertThat(data.get("percent").decimalValue()).isEqualByComparingTo("33.333");

        // still above: firing already, nothing new
        clock.now = t.plus(Duration.ofMinutes(1));
        assertThat(evaluator.evaluate(tenant.id())).isZero();

        // 20 successes bring it to 3 / 29: resolved
        List<SessionRecord> phaseB = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            phaseB.add(session("b-" + i, t.minus(Duration.ofMinutes(5)).plusSeconds(i), 200, false));
        }
        write(phaseB.toArray(SessionRecord[]::new));
        clock.now = t.plus(Duration.ofMinutes(2));
        assertThat(evaluator.evaluate(tenant.id())).isEqualTo(1);
        AlertEvent resolved = history().get(0);
        assertThat(resolved.kind()).isEqualTo(AlertEvent.Kind.RESOLVED);
        assertEqualsRecomputation(
                resolved,
                t.plus(Duration.ofMinutes(2)).minus(Duration.ofHours(1)),
                t.plus(Duration.ofMinutes(2)),
                null);

        // above again within the cooldown of 60 minutes: no new firing
        List<SessionRecord> phaseC = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            phaseC.add(session("c-" + i, t.plus(Duration.ofMinutes(3)).plusSeconds(i), i < 5 ? 500 : 200, false));
        }
        write(phaseC.toArray(SessionRecord[]::new));
        clock.now = t.plus(Duration.ofMinutes(4));
        assertThat(recompute(
                                t.plus(Duration.ofMinutes(4)).minus(Duration.ofHours(1)),
                                t.plus(Duration.ofMinutes(4)),
                                null)
                        .get(""))
                .as("8 of 39 attempts, above 20 %")
                .containsExactly(8, 39);
        assertThat(evaluator.evaluate(tenant.id())).isZero();

        // after the cooldown, with only the last sessions in the hour: fires again
        clock.now = t.plus(Duration.ofMinutes(61));
        assertThat(evaluator.evaluate(tenant.id())).isEqualTo(1);
        AlertEvent again = history().get(0);
        assertThat(again.kind()).isEqualTo(AlertEvent.Kind.FIRED);
        assertEqualsRecomputation(again, t.plus(Duration.ofMinutes(1)), t.plus(Duration.ofMinutes(61)), null);
        assertThat(again.numerator()).isEqualTo(5);
        assertThat(history())
                .extracting(AlertEvent::kind)
                .containsExactly(AlertEvent.Kind.FIRED, AlertEvent.Kind.RESOLVED, AlertEvent.Kind.FIRED);
        assertThat(smtp.waitForIncomingEmail(5000, 3)).isTrue();
    }

    @Test
    void a_rule_per_split_fires_for_the_value_that_reaches_the_threshold_with_its_sample_only() {
        Instant t = clock.now;
        createSetupFailureRule("Conference failures", AlertScope.CONFERENCE);
        List<SessionRecord> records = new ArrayList<>();
        // conferences: 2 of 4 failed (50 %); peer-to-peer: 1 of 2 (50 %, below the sample of 4); 3 h and 20 h ago
        for (int i = 0; i < 4; i++) {
            records.add(session("conf-" + i, t.minus(Duration.ofHours(3)).plusSeconds(i), i < 2 ? 500 : 200, true));
        }
        records.add(session("p2p-0", t.minus(Duration.ofHours(20)), 500, false));
        records.add(session("p2p-1", t.minus(Duration.ofHours(20)).plusSeconds(5), 200, false));
        records.add(session("p2p-old", t.minus(Duration.ofHours(25)), 500, false));
        write(records.toArray(SessionRecord[]::new));

        assertThat(evaluator.evaluate(tenant.id())).isEqualTo(1);
        AlertEvent fired = history().get(0);
        assertThat(fired.series()).isEqualTo("1");
        assertThat(fired.emailStatus()).isEqualTo("no recipients");
        assertThat(fired.webhookStatus()).isEqualTo("no webhook");
        assertEqualsRecomputation(fired, t.minus(Duration.ofHours(24)), t, "1");
        var byValue = recompute(t.minus(Duration.ofHours(24)), t, QualitySplit.CONFERENCE);
        assertThat(byValue.get("0")).containsExactly(1, 2);
        assertThat(byValue.get("1")).containsExactly(2, 4);
    }

    @Test
    void a_rule_per_client_version_adds_up_the_builds_of_one_version_as_the_quality_pages_group_them() {
        Instant t = clock.now;
        String otherBuild = "UCCAPI/16.0.5017.1000 OC/16.0.5017.1000 (Skype for Business)";
        String group = ClientVersions.groupOf(SKYPE_16_0_4849);
        assertThat(ClientVersions.groupOf(otherBuild)).isEqualTo(group).isNotEqualTo(SKYPE_16_0_4849);
        createSetupFailureRule("Client version failures", AlertScope.CLIENT);
        // each build alone: 1 failure of 2 attempts, below the sample of 4; the version: 2 of 4
        write(
                session("build-a-0", t.minus(Duration.ofHours(2)), 500, false),
                session("build-a-1", t.minus(Duration.ofHours(2)).plusSeconds(1), 200, false),
                session("build-b-0", t.minus(Duration.ofHours(3)), 500, false, otherBuild),
                session("build-b-1", t.minus(Duration.ofHours(3)).plusSeconds(1), 200, false, otherBuild));

        assertThat(evaluator.evaluate(tenant.id())).isEqualTo(1);
        AlertEvent fired = history().get(0);
        assertThat(fired.series()).isEqualTo(group);
        assertThat(fired.numerator()).isEqualTo(2);
        assertThat(fired.denominator()).isEqualTo(4);
    }

    @Test
    void a_rule_per_building_adds_up_the_buildings_subnets_and_leaves_unmapped_subnets_out() throws Exception {
        Instant t = clock.now;
        testTenants.signIn(admin);
        locations.upload(
                "buildings.csv",
                new java.io.ByteArrayInputStream(("10.5.0.0,Tower,16,Tower,,,,Seattle,,US,WA,North America,1,0,0\n"
                                + "10.6.0.0,Annex,16,Annex,,,,Seattle,,US,WA,North America,1,0,0\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                null,
                null);
        for (int i = 0; i < 200 && locations.status().remapping(); i++) {
            Thread.sleep(50);
        }
        rules.create(new AlertRuleInput(
                "Poor audio per building",
                AlertMetric.POOR_STREAMS,
                Modality.AUDIO,
                AlertScope.BUILDING,
                AlertWindow.DAY,
                50.0,
                4,
                30,
                null,
                List.of(),
                true));
        TestTenants.signOut();
        // per building: poor and classified streams, two streams per session (caller's subnet, callee's subnet)
        Map<String, long[]> expected = new TreeMap<>();
        String[][] sessions = {
            {"10.5.1.0", "10.5.2.0", "poor"},
            {"10.5.1.0", "10.5.2.0", "poor"},
            {"10.5.2.0", "10.5.2.0", "poor"},
            {"10.5.1.0", "10.5.1.0", "good"},
            {"10.6.0.0", "10.6.1.0", "good"},
            {"10.6.0.0", "10.6.1.0", "good"},
            {"10.6.0.0", "10.6.0.0", "good"},
            {"10.6.2.0", "10.6.2.0", "poor"},
            // no row maps 172.20.0.0: poor, yet in no building's figure
            {"172.20.0.0", "172.20.0.0", "poor"},
            {"172.20.0.0", "172.20.0.0", "poor"}
        };
        for (int i = 0; i < sessions.length; i++) {
            String[] s = sessions[i];
            boolean poor = s[2].equals("poor");
            write(sessionIn("b-" + i, t.minus(Duration.ofHours(2)).plusSeconds(i), s[0], s[1], poor));
            for (String subnet : List.of(s[0], s[1])) {
                String building = subnet.startsWith("10.5.") ? "Tower" : subnet.startsWith("10.6.") ? "Annex" : null;
                if (building != null) {
                    long[] c = expected.computeIfAbsent(building, b -> new long[2]);
                    c[0] += poor ? 1 : 0;
                    c[1]++;
                }
            }
        }
        assertThat(expected.get("Tower")).containsExactly(6, 8);
        assertThat(expected.get("Annex")).containsExactly(2, 8);

        var direct = currentTenant.runAs(
                tenant.id(),
                () -> figures.figures(
                        AlertMetric.POOR_STREAMS, Modality.AUDIO, AlertScope.BUILDING, t.minus(Duration.ofDays(1)), t));
        assertThat(direct)
                .extracting(f -> f.series() + " " + f.numerator() + "/" + f.denominator())
                .containsExactly("Annex 2/8", "Tower 6/8");
        assertThat(evaluator.evaluate(tenant.id())).isEqualTo(1);
        AlertEvent fired = history().get(0);
        assertThat(fired.kind()).isEqualTo(AlertEvent.Kind.FIRED);
        assertThat(fired.series()).isEqualTo("Tower");
        assertThat(fired.numerator()).isEqualTo(6);
        assertThat(fired.denominator()).isEqualTo(8);
    }

    private SessionRecord sessionIn(String id, Instant start, String fromSubnet, String toSubnet, boolean poor) {
        var lines = List.of(line(Side.FROM, fromSubnet), line(Side.TO, toSubnet));
        var audio = List.of(audio(Side.FROM, poor), audio(Side.TO, poor));
        var quality = new Quality.Report(
                List.of(), lines, audio, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        return new SessionRecord(
                id,
                start,
                start.plusSeconds(120),
                "sip:ada@" + tenant.name(),
                "sip:bob@" + tenant.name(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                200,
                null,
                List.of(new MediaUsage(Modality.AUDIO, 120_000)),
                0,
                quality);
    }

    private static Quality.MediaLine line(Side side, String subnet) {
        return new Quality.MediaLine(
                side, Modality.AUDIO, "10.0.0.1", 50000, subnet, true, false, "wired", null, null, "succeeded", null);
    }

    /** Poor: jitter far above its threshold; good: every metric far below (docs/call-quality.md). */
    private static Quality.AudioStream audio(Side side, boolean poor) {
        return new Quality.AudioStream(
                side,
                "SILK",
                poor ? 90.0 : 3.0,
                null,
                0.001,
                null,
                40.0,
                null,
                null,
                null,
                0.05,
                null,
                0.001,
                null,
                null);
    }

    @Test
    void the_gauges_state_the_last_hours_figures_per_tenant_and_modality() {
        // whole milliseconds, as records arrive: the read models find a written session's rows by its start time
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        write(
                session("g-1", now.minus(Duration.ofMinutes(10)), 500, false),
                session("g-2", now.minus(Duration.ofMinutes(9)), 200, false),
                session("g-3", now.minus(Duration.ofMinutes(8)), 200, false),
                session("g-4", now.minus(Duration.ofMinutes(7)), 200, false),
                session("g-old", now.minus(Duration.ofMinutes(70)), 500, false));
        var direct = currentTenant.runAs(
                tenant.id(),
                () -> figures.figures(
                        AlertMetric.SETUP_FAILURES,
                        null,
                        null,
                        Instant.now().minus(Duration.ofHours(1)),
                        Instant.now()));
        assertThat(direct)
                .as("the figure the gauge reads")
                .singleElement()
                .satisfies(f -> assertThat(f.percent()).isEqualTo(25.0));
        gauges.refresh();
        assertThat(registry.find("portal.reliability.setup.failure.percent")
                        .tag("tenant", tenant.name())
                        .gauges())
                .as("one gauge per modality")
                .hasSize(4);
        var expected = recompute(Instant.now().minus(Duration.ofHours(1)), Instant.now(), null)
                .get("");
        double value = registry.get("portal.reliability.setup.failure.percent")
                .tag("tenant", tenant.name())
                .tag("modality", "all")
                .gauge()
                .value();
        assertThat(value).isEqualTo(100.0 * expected[0] / expected[1]).isEqualTo(25.0);
        assertThat(registry.get("portal.reliability.setup.failure.percent")
                        .tag("tenant", tenant.name())
                        .tag("modality", "video")
                        .gauge()
                        .value())
                .as("no video session: no sample")
                .isNaN();
        assertThat(registry.get("portal.feedback.poor.rating.percent")
                        .tag("tenant", tenant.name())
                        .gauge()
                        .value())
                .isNaN();
    }

    @Test
    void bad_rules_are_refused_with_a_clear_error_and_nothing_written_and_only_global_administrators_change_rules() {
        testTenants.signIn(admin);
        assertRefused(input(0.0, 5, 10, List.of()), "above 0 and at most 100, not 0");
        assertRefused(input(150.0, 5, 10, List.of()), "above 0 and at most 100, not 150");
        assertRefused(input(-3.0, 5, 10, List.of()), "above 0 and at most 100");
        assertRefused(input(null, 5, 10, List.of()), "not empty");
        assertRefused(input(10.0, 0, 10, List.of()), "minimum sample must be between 1 and");
        assertRefused(input(10.0, 5, -1, List.of()), "cooldown must be between 0 and");
        assertRefused(input(10.0, 5, 10, List.of("nobody@elsewhere.test")), "portal accounts of this tenant only");
        assertThatThrownBy(() -> rules.create(new AlertRuleInput(
                        "r",
                        AlertMetric.POOR_RATINGS,
                        Modality.AUDIO,
                        null,
                        AlertWindow.HOUR,
                        10.0,
                        5,
                        10,
                        null,
                        List.of(),
                        true)))
                .isInstanceOf(AlertProblem.class)
                .hasMessageContaining("leave the modality empty");
        assertThatThrownBy(() -> rules.create(new AlertRuleInput(
                        "r",
                        AlertMetric.POOR_STREAMS,
                        null,
                        null,
                        AlertWindow.HOUR,
                        10.0,
                        5,
                        10,
                        999_999L,
                        List.of(),
                        true)))
                .isInstanceOf(AlertProblem.class)
                .hasMessageContaining("alert endpoints");
        assertThat(rules.rules()).isEmpty();

        AlertRule rule = rules.create(input(10.0, 5, 10, List.of(admin)));
        AlertRule changed = rules.update(
                rule.id(),
                new AlertRuleInput(
                        "Poor streams",
                        AlertMetric.POOR_STREAMS,
                        Modality.VIDEO,
                        AlertScope.VPN,
                        AlertWindow.DAY,
                        12.5,
                        30,
                        60,
                        null,
                        List.of(),
                        false));
        assertThat(changed.thresholdPercent()).isEqualByComparingTo("12.50");
        assertThat(changed.recipients()).isEmpty();
        rules.delete(rule.id());
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE tenant_id = :t ORDER BY id")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .containsSubsequence("ALERT_RULE_CREATED", "ALERT_RULE_CHANGED", "ALERT_RULE_DELETED");
        TestTenants.signOut();

        testTenants.signInAs(tenant, Role.GLOBAL_READER);
        assertThat(rules.rules()).isEmpty();
        assertThatThrownBy(() -> rules.create(input(10.0, 5, 10, List.of()))).isInstanceOf(AccessDeniedException.class);
        TestTenants.signOut();
        testTenants.signInAs(tenant, Role.REPORTS_READER);
        assertThatThrownBy(() -> rules.rules()).isInstanceOf(AccessDeniedException.class);
        assertThat(rules.history(0, 10))
                .as("the history is for the roles that see the quality charts")
                .isEmpty();
        TestTenants.signOut();
        testTenants.signInAs(tenant, Role.USAGE_SUMMARY_READER);
        assertThat(rules.history(0, 10)).isEmpty();
        TestTenants.signOut();
        testTenants.signInAs(tenant, Role.BILLING_ADMIN);
        assertThatThrownBy(() -> rules.history(0, 10)).isInstanceOf(AccessDeniedException.class);
    }

    private void assertRefused(AlertRuleInput input, String message) {
        assertThatThrownBy(() -> rules.create(input))
                .isInstanceOf(AlertProblem.class)
                .hasMessageContaining(message);
    }

    private static AlertRuleInput input(
            @Nullable Double threshold, int minSample, int cooldown, List<String> recipients) {
        return new AlertRuleInput(
                "Poor audio",
                AlertMetric.POOR_STREAMS,
                Modality.AUDIO,
                null,
                AlertWindow.HOUR,
                threshold,
                minSample,
                cooldown,
                null,
                recipients,
                true);
    }

    /** A rule on audio setup failures per value of the scope over the last day: 25 %, a sample of 4, 30 min cooldown. */
    private void createSetupFailureRule(String name, AlertScope scope) {
        testTenants.signIn(admin);
        rules.create(new AlertRuleInput(
                name,
                AlertMetric.SETUP_FAILURES,
                Modality.AUDIO,
                scope,
                AlertWindow.DAY,
                25.0,
                4,
                30,
                null,
                List.of(),
                true));
        TestTenants.signOut();
    }

    private List<AlertEvent> history() {
        testTenants.signInAs(tenant, Role.USAGE_SUMMARY_READER);
        try {
            return rules.history(0, 100);
        } finally {
            TestTenants.signOut();
        }
    }

    /** The event's figure against a recomputation from the raw rows of its window. */
    private void assertEqualsRecomputation(AlertEvent event, Instant from, Instant to, @Nullable String series) {
        assertThat(event.windowFrom()).isEqualTo(from);
        assertThat(event.windowTo()).isEqualTo(to);
        var counts = recompute(from, to, series == null ? null : QualitySplit.CONFERENCE)
                .get(series == null ? "" : series);
        assertThat(event.numerator()).isEqualTo(counts[0]);
        assertThat(event.denominator()).isEqualTo(counts[1]);
        assertThat(event.percent())
                .isEqualByComparingTo(
                        BigDecimal.valueOf(100.0 * counts[0] / counts[1]).setScale(3, RoundingMode.HALF_UP));
    }

    /**
     * Setup failures and attempts of the sessions stored in [from, to), from comm_session itself with the
     * classification table of docs/reliability.md restated (no QoE here, so no failed ICE); per peer-to-peer ("0")
     * and conference ("1") when asked, else one series "".
     */
    private Map<String, long[]> recompute(Instant from, Instant to, @Nullable QualitySplit split) {
        Map<String, long[]> counts = new TreeMap<>();
        jdbc.sql("""
                        SELECT response_code, diagnostic_id, conference_url FROM comm_session
                        WHERE tenant_id = :t AND start_time >= :from AND start_time < :to
                        """)
                .param("t", tenant.id())
                .param("from", LocalDateTime.ofInstant(from, ZoneOffset.UTC))
                .param("to", LocalDateTime.ofInstant(to, ZoneOffset.UTC))
                .query((rs, row) -> {
                    Integer code = rs.getObject("response_code", Integer.class);
                    Integer diagnostic = rs.getObject("diagnostic_id", Integer.class);
                    String key = split == null ? "" : rs.getString("conference_url") == null ? "0" : "1";
                    boolean failed = code != null && code >= 300;
                    boolean expected = failed
                            && (Set.of(480, 486, 487, 600, 603).contains(code)
                                    || (diagnostic != null
                                            && Set.of(1003, 4005, 13004, 51004).contains(diagnostic)));
                    long[] c = counts.computeIfAbsent(key, k -> new long[2]);
                    if (!expected) {
                        c[1]++;
                        if (failed) {
                            c[0]++;
                        }
                    }
                    return key;
                })
                .list();
        return counts;
    }

    private void write(SessionRecord... records) {
        currentTenant.runAs(tenant.id(), () -> writer.write(List.of(records)));
    }

    private SessionRecord session(String id, Instant start, @Nullable Integer responseCode, boolean conference) {
        return session(id, start, responseCode, conference, SKYPE_16_0_4849);
    }

    private SessionRecord session(
            String id, Instant start, @Nullable Integer responseCode, boolean conference, String agent) {
        String conferenceUrl = conference ? "sip:bob@" + tenant.name() + ";gruu;opaque=app:conf:focus:id:" + id : null;
        return new SessionRecord(
                id,
                start,
                start.plusSeconds(60),
                "sip:ada@" + tenant.name(),
                "sip:bob@" + tenant.name(),
                agent,
                null,
                conferenceUrl,
                conference ? "1" : null,
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
