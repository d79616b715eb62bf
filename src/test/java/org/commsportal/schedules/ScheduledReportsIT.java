package org.commsportal.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.UserActivityColumn;
import org.commsportal.activity.UserTableQuery;
import org.commsportal.common.ReportPeriod;
import org.commsportal.directory.CallingPlan;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.PstnBlockAction;
import org.commsportal.directory.PstnBlocking;
import org.commsportal.directory.UserRecord;
import org.commsportal.export.ExportFormat;
import org.commsportal.lease.JobLeases;
import org.commsportal.minutepools.MinutePoolColumn;
import org.commsportal.minutepools.MinutePoolQuery;
import org.commsportal.minutepools.MinutePoolsService;
import org.commsportal.minutepools.PoolCapability;
import org.commsportal.savedviews.SavedViews;
import org.commsportal.security.AccountService;
import org.commsportal.security.Role;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.usersblocked.BlockedUserColumn;
import org.commsportal.usersblocked.BlockedUserQuery;
import org.commsportal.usersblocked.UsersBlockedService;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Scheduled reports sent through a real SMTP server (GreenMail) started by the test and read back: what the
 * recipient's own export gives, concealed for a concealed recipient, once per due instant across two nodes, retried
 * after an SMTP failure, suspended when the recipient may no longer open the report, and unsubscribed by the link.
 */
@PortalIntegrationTest
class ScheduledReportsIT {

    private static final String ROUTE = "usage/peer-to-peer-activity";
    private static final String QUERY = "period=D7&user=ada&columns=USER_NAME,IM";

    @Autowired
    ReportSchedules schedules;

    @Autowired
    ScheduledSends sends;

    @Autowired
    SavedViews savedViews;

    @Autowired
    ActivityService activity;

    @Autowired
    DirectoryService directory;

    @Autowired
    UsersBlockedService usersBlocked;

    @Autowired
    MinutePoolsService minutePools;

    @Autowired
    AccountService accounts;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JobLeases leases;

    @Autowired
    JavaMailSenderImpl mailSender;

    @LocalServerPort
    int port;

    private GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(mailSender.getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
        TestTenants.signOut();
    }

    /** A tenant that shows names, with users ada, adam and ben, an admin and a shared view filtered to "ada". */
    private record World(Tenant tenant, String admin, long viewId) {}

    private World world(String label) {
        Tenant tenant = testTenants.newTenant(label);
        jdbc.sql("UPDATE tenant SET display_concealed_names = FALSE WHERE id = :id")
                .param("id", tenant.id())
                .update();
        LocalDate longAgo = LocalDate.now(Clock.systemUTC()).minusYears(1);
        currentTenant.runAs(
                tenant.id(),
                () -> directory.upsert(List.of(
                        new UserRecord("ada@" + tenant.name(), "ada", "Ada", longAgo, null),
                        new UserRecord("adam@" + tenant.name(), "adam", "Adam", longAgo, null),
                        new UserRecord("ben@" + tenant.name(), "ben", "Ben", longAgo, null))));
        String admin = testTenants.newAccount(tenant, Role.GLOBAL_ADMIN);
        testTenants.signIn(admin);
        savedViews.save(ROUTE, QUERY, "Ada weekly", true);
        long viewId = savedViews.visible().get(0).id();
        return new World(tenant, admin, viewId);
    }

    private long accountId(String username) {
        return jdbc.sql("SELECT id FROM portal_account WHERE username = :u")
                .param("u", username)
                .query(Long.class)
                .single();
    }

    private ScheduleRequest daily(long viewId, String recipient, Delivery delivery) {
        return new ScheduleRequest(viewId, accountId(recipient), Frequency.DAILY, null, null, 7, 30, delivery);
    }

    private ReportSchedule schedule(long id) {
        return schedules.list().stream().filter(s -> s.id() == id).findFirst().orElseThrow();
    }

    private List<MimeMessage> messagesTo(String address) throws Exception {
        List<MimeMessage> to = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().equals(address))) {
                to.add(message);
            }
        }
        return to;
    }

    private byte[] csvExportAs(String username, UserTableQuery query) throws Exception {
        testTenants.signIn(username);
        try {
            var out = new ByteArrayOutputStream();
            activity.export(
                    query,
                    List.of(UserActivityColumn.USER_NAME, UserActivityColumn.IM),
                    ExportFormat.CSV,
                    out,
                    n -> {});
            return out.toByteArray();
        } finally {
            TestTenants.signOut();
        }
    }

    private static @Nullable Part attachment(Part part) throws Exception {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return part;
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                Part found = attachment(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String text(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = text(body);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }

    private static String unsubscribeLink(MimeMessage message) throws Exception {
        Matcher link = Pattern.compile("Stop receiving it: (\\S+)").matcher(text(message));
        assertThat(link.find()).as("an unsubscribe link in the body").isTrue();
        return link.group(1);
    }

    private List<String> auditOf(Tenant tenant, String action) {
        return jdbc.sql("SELECT detail FROM audit_event WHERE tenant_id = :t AND action = :a ORDER BY id")
                .param("t", tenant.id())
                .param("a", action)
                .query(String.class)
                .list();
    }

    @Test
    void the_attachment_is_the_recipients_own_export_and_a_concealed_recipient_gets_pseudonyms_only() throws Exception {
        World world = world("attach");
        String reader = testTenants.newAccount(world.tenant(), Role.REPORTS_READER);
        String concealed = testTenants.newAccount(world.tenant(), Role.GLOBAL_READER); // always concealed
        testTenants.signIn(world.admin());
        long forReader = schedules.create(daily(world.viewId(), reader, Delivery.CSV));
        long forConcealed = schedules.create(daily(world.viewId(), concealed, Delivery.CSV));
        Instant due = schedule(forReader).nextDueAt();
        assertThat(schedule(forConcealed).nextDueAt()).isEqualTo(due);
        TestTenants.signOut();

        sends.runDue(due, leases);

        MimeMessage toReader = messagesTo(reader).get(0);
        assertThat(toReader.getSubject()).isEqualTo("Scheduled report: Ada weekly");
        Part readerFile = attachment(toReader);
        assertThat(readerFile).isNotNull();
        assertThat(readerFile.getFileName()).endsWith(".csv");
        byte[] readerCsv = readerFile.getInputStream().readAllBytes();
        assertThat(readerCsv)
                .as("what the reader's own export of the view gives")
                .isEqualTo(csvExportAs(reader, new UserTableQuery(ReportPeriod.D7, null, "ada", null, true)));
        String readerText = new String(readerCsv, StandardCharsets.UTF_8);
        assertThat(readerText)
                .contains(
                        "ada@" + world.tenant().name(), "adam@" + world.tenant().name());
        assertThat(readerText).doesNotContain("ben@");

        MimeMessage toConcealed = messagesTo(concealed).get(0);
        byte[] concealedCsv = attachment(toConcealed).getInputStream().readAllBytes();
        String concealedText = new String(concealedCsv, StandardCharsets.UTF_8);
        assertThat(concealedText)
                .as("no real name, and the admin's filter typed over real names is not applied")
                .doesNotContain("ada@", "adam@", "ben@")
                .containsPattern("[0-9a-f]{32}");
        assertThat(concealedCsv)
                .isEqualTo(csvExportAs(concealed, new UserTableQuery(ReportPeriod.D7, null, "", null, true)));
        assertThat(concealedText.lines().count())
                .as("header and the three users")
                .isEqualTo(4);

        assertThat(auditOf(world.tenant(), "SCHEDULED_REPORT_SENT"))
                .hasSize(2)
                .allSatisfy(detail -> assertThat(detail).contains("Ada weekly"))
                .anySatisfy(detail -> assertThat(detail).contains(reader, "2 rows"))
                .anySatisfy(detail -> assertThat(detail).contains(concealed, "3 rows"));
        testTenants.signIn(world.admin());
        assertThat(schedule(forReader).nextDueAt()).isAfter(due);
    }

    @Test
    void views_of_users_blocked_and_of_last_months_minute_pools_are_attached_as_the_recipients_own_exports()
            throws Exception {
        World world = world("pstn-views");
        String domain = world.tenant().name();
        LocalDate longAgo = LocalDate.now(Clock.systemUTC()).minusYears(1);
        currentTenant.runAs(
                world.tenant().id(),
                () -> directory.upsert(List.of(
                        new UserRecord(
                                "ada@" + domain,
                                "ada",
                                "Ada",
                                longAgo,
                                null,
                                null,
                                "GB",
                                new PstnBlocking(PstnBlockAction.BLOCKED_FOR_PSTN, "Unpaid bills", null),
                                List.of(CallingPlan.MCOPSTN1)),
                        new UserRecord(
                                "ben@" + domain,
                                "ben",
                                "Ben",
                                longAgo,
                                null,
                                null,
                                "FR",
                                new PstnBlocking(PstnBlockAction.INTERNATIONAL_CALLS_BLOCKED, null, null),
                                List.of(CallingPlan.MCOPSTN2)))));
        String reader = testTenants.newAccount(world.tenant(), Role.REPORTS_READER);
        testTenants.signIn(world.admin());
        savedViews.save(
                "usage/users-blocked",
                "action=BlockedForPstn&sort=USER&order=asc&columns=USER,ACTION,REASON",
                "Blocked today",
                true);
        savedViews.save("usage/pstn-minute-pools", "month=previous&capability=domestic", "Last month's pools", true);
        long blockedView = viewNamed("Blocked today");
        long poolsView = viewNamed("Last month's pools");
        long blocked = schedules.create(daily(blockedView, reader, Delivery.CSV));
        schedules.create(daily(poolsView, reader, Delivery.CSV));
        Instant due = schedule(blocked).nextDueAt();
        TestTenants.signOut();

        sends.runDue(due, leases);

        String blockedCsv = attachmentText(messageWithSubject(reader, "Scheduled report: Blocked today"));
        String poolsCsv = attachmentText(messageWithSubject(reader, "Scheduled report: Last month's pools"));
        assertThat(blockedCsv).contains("ada@" + domain, "Unpaid bills").doesNotContain("ben@");
        assertThat(poolsCsv).contains("Domestic", "GB").doesNotContain("International");
        testTenants.signIn(reader);
        try {
            var ownBlocked = new ByteArrayOutputStream();
            usersBlocked.export(
                    BlockedUserQuery.of(usersBlocked.today())
                            .withAction(PstnBlockAction.BLOCKED_FOR_PSTN)
                            .sortedBy(BlockedUserColumn.USER, true),
                    List.of(BlockedUserColumn.USER, BlockedUserColumn.ACTION, BlockedUserColumn.REASON),
                    ExportFormat.CSV,
                    ownBlocked,
                    n -> {});
            assertThat(blockedCsv).isEqualTo(ownBlocked.toString(StandardCharsets.UTF_8));
            var ownPools = new ByteArrayOutputStream();
            minutePools.export(
                    MinutePoolQuery.of(minutePools.months().get(1)).withCapability(PoolCapability.DOMESTIC),
                    List.of(MinutePoolColumn.values()),
                    ExportFormat.CSV,
                    ownPools,
                    n -> {});
            assertThat(poolsCsv).isEqualTo(ownPools.toString(StandardCharsets.UTF_8));
        } finally {
            TestTenants.signOut();
        }
    }

    private long viewNamed(String name) {
        return savedViews.visible().stream()
                .filter(view -> view.name().equals(name))
                .findFirst()
                .orElseThrow()
                .id();
    }

    private MimeMessage messageWithSubject(String recipient, String subject) throws Exception {
        for (MimeMessage message : messagesTo(recipient)) {
            if (message.getSubject().equals(subject)) {
                return message;
            }
        }
        throw new AssertionError("no message \"" + subject + "\" to " + recipient);
    }

    private static String attachmentText(MimeMessage message) throws Exception {
        Part file = attachment(message);
        assertThat(file).as("an attachment").isNotNull();
        return new String(file.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void two_nodes_racing_for_one_due_send_send_one_message() throws Exception {
        World world = world("race");
        long id = schedules.create(daily(world.viewId(), world.admin(), Delivery.LINK));
        Instant due = schedule(id).nextDueAt();
        TestTenants.signOut();
        var nodeA = new JobLeases(jdbc, Clock.systemUTC(), "node-a");
        var nodeB = new JobLeases(jdbc, Clock.systemUTC(), "node-b");
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (JobLeases node : List.of(nodeA, nodeB, nodeA, nodeB)) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return sends.runDue(due, node);
                }));
            }
            start.countDown();
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(messagesTo(world.admin())).hasSize(1);
        assertThat(text(messagesTo(world.admin()).get(0)))
                .contains("Open the report: http://portal.test/" + ROUTE + "?" + QUERY);
        assertThat(auditOf(world.tenant(), "SCHEDULED_REPORT_SENT")).hasSize(1);
        assertThat(jdbc.sql("SELECT state FROM report_send WHERE schedule_id = :s")
                        .param("s", id)
                        .query(String.class)
                        .list())
                .containsExactly("SENT");
        sends.runDue(due, nodeB);
        assertThat(messagesTo(world.admin()))
                .as("a later run sends nothing again")
                .hasSize(1);
    }

    @Test
    void a_send_left_sending_by_a_node_that_died_is_never_sent_again() throws Exception {
        World world = world("crash");
        long id = schedules.create(daily(world.viewId(), world.admin(), Delivery.LINK));
        Instant due = schedule(id).nextDueAt();
        TestTenants.signOut();
        // What a node leaves when it dies after recording the send and before recording SMTP's answer
        jdbc.sql("""
                        INSERT INTO report_send (schedule_id, due_at, tenant_id, state, attempts, next_attempt_at)
                        VALUES (:s, :due, :t, 'SENDING', 1, :due)
                        """)
                .param("s", id)
                .param("due", org.commsportal.common.UtcDateTime.toColumn(due))
                .param("t", world.tenant().id())
                .update();

        sends.runDue(due.plusSeconds(30), leases);
        assertThat(jdbc.sql("SELECT state FROM report_send WHERE schedule_id = :s")
                        .param("s", id)
                        .query(String.class)
                        .single())
                .as("within the lease the send may still be under way")
                .isEqualTo("SENDING");

        sends.runDue(due.plus(ScheduledSends.LEASE).plusSeconds(1), leases);
        assertThat(messagesTo(world.admin())).isEmpty();
        assertThat(jdbc.sql("SELECT state FROM report_send WHERE schedule_id = :s")
                        .param("s", id)
                        .query(String.class)
                        .single())
                .isEqualTo("INTERRUPTED");
        assertThat(auditOf(world.tenant(), "SCHEDULED_REPORT_FAILED"))
                .singleElement()
                .asString()
                .contains("not sent again");
        testTenants.signIn(world.admin());
        assertThat(schedule(id).nextDueAt())
                .as("moved on to the next due instant")
                .isAfter(due);
    }

    @Test
    void an_smtp_failure_is_retried_after_its_delay_and_sends_once() throws Exception {
        World world = world("retry");
        long id = schedules.create(daily(world.viewId(), world.admin(), Delivery.XLSX));
        Instant due = schedule(id).nextDueAt();
        TestTenants.signOut();
        smtp.stop();

        assertThat(sends.runDue(due, leases)).isZero();
        assertThat(jdbc.sql("SELECT CONCAT(state, ' ', attempts) FROM report_send WHERE schedule_id = :s")
                        .param("s", id)
                        .query(String.class)
                        .single())
                .isEqualTo("PENDING 1");

        smtp = new GreenMail(new ServerSetup(mailSender.getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        sends.runDue(due.plusSeconds(10), leases);
        assertThat(messagesTo(world.admin())).as("not before the retry delay").isEmpty();
        sends.runDue(due.plus(ScheduledSends.FIRST_RETRY), leases);
        sends.runDue(due.plus(Duration.ofMinutes(5)), leases);
        assertThat(messagesTo(world.admin())).hasSize(1);
        assertThat(attachment(messagesTo(world.admin()).get(0)).getFileName()).endsWith(".xlsx");
        assertThat(auditOf(world.tenant(), "SCHEDULED_REPORT_SENT"))
                .singleElement()
                .asString()
                .contains("attempt 2");
    }

    @Test
    void a_recipient_who_may_no_longer_open_the_report_gets_no_data_and_the_schedule_shows_it_is_suspended()
            throws Exception {
        World world = world("suspend");
        String reader = testTenants.newAccount(world.tenant(), Role.REPORTS_READER);
        testTenants.signIn(world.admin());
        long id = schedules.create(daily(world.viewId(), reader, Delivery.CSV));
        Instant due = schedule(id).nextDueAt();
        accounts.assignRoles(accountId(reader), Set.of(Role.BILLING_ADMIN));
        TestTenants.signOut();

        sends.runDue(due, leases);

        assertThat(messagesTo(reader)).isEmpty();
        testTenants.signIn(world.admin());
        assertThat(schedule(id).suspendedReason()).contains("may no longer open the saved view");
        assertThat(auditOf(world.tenant(), "SCHEDULE_SUSPENDED"))
                .singleElement()
                .asString()
                .contains("no data sent");
        TestTenants.signOut();
        sends.runDue(due.plus(Duration.ofDays(2)), leases);
        assertThat(messagesTo(reader)).as("a suspended schedule stays quiet").isEmpty();
    }

    @Test
    void the_unsubscribe_link_works_without_signing_in_once_and_is_audited() throws Exception {
        World world = world("unsubscribe");
        long id = schedules.create(daily(world.viewId(), world.admin(), Delivery.LINK));
        Instant due = schedule(id).nextDueAt();
        TestTenants.signOut();
        sends.runDue(due, leases);
        MimeMessage message = messagesTo(world.admin()).get(0);
        assertThat(message.getHeader("List-Unsubscribe")[0]).startsWith("<http://portal.test/schedules/unsubscribe");
        String link = unsubscribeLink(message).replace("http://portal.test", "http://localhost:" + port);

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> confirm =
                http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Ada weekly", "<form method=\"post\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM report_schedule WHERE id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .as("opening the link changes nothing")
                .isEqualTo(1);

        HttpResponse<String> tampered = http.send(
                HttpRequest.newBuilder(URI.create(link.substring(0, link.length() - 2) + "xx"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(404);

        HttpResponse<String> done = http.send(
                HttpRequest.newBuilder(URI.create(link))
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("no longer receive");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM report_schedule WHERE id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(auditOf(world.tenant(), "SCHEDULE_UNSUBSCRIBED"))
                .singleElement()
                .asString()
                .contains("Ada weekly");

        HttpResponse<String> again = http.send(
                HttpRequest.newBuilder(URI.create(link))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(404);
    }

    @Test
    void bad_requests_get_clear_reasons_and_write_nothing() {
        World world = world("bad");
        Tenant other = testTenants.newTenant("elsewhere");
        String stranger = testTenants.newAccount(other, Role.REPORTS_READER);
        String reader = testTenants.newAccount(world.tenant(), Role.REPORTS_READER);
        String summary = testTenants.newAccount(world.tenant(), Role.USAGE_SUMMARY_READER);
        testTenants.signIn(world.admin());

        assertThatThrownBy(() -> schedules.create(daily(987_654_321L, world.admin(), Delivery.CSV)))
                .isInstanceOf(ScheduleProblem.class)
                .hasMessageContaining("no saved view");
        assertThatThrownBy(() -> schedules.create(daily(world.viewId(), stranger, Delivery.CSV)))
                .isInstanceOf(ScheduleProblem.class)
                .hasMessageContaining("no such account in your organization");
        assertThatThrownBy(() -> schedules.create(new ScheduleRequest(
                        world.viewId(), accountId(world.admin()), Frequency.DAILY, null, null, 24, 0, Delivery.CSV)))
                .isInstanceOf(ScheduleProblem.class)
                .hasMessageContaining("between 00:00 and 23:59");
        assertThatThrownBy(() -> schedules.create(new ScheduleRequest(
                        world.viewId(), accountId(world.admin()), Frequency.MONTHLY, null, 0, 7, 0, Delivery.CSV)))
                .isInstanceOf(ScheduleProblem.class)
                .hasMessageContaining("from 1 to 31");
        assertThatThrownBy(() -> schedules.create(daily(world.viewId(), summary, Delivery.CSV)))
                .isInstanceOf(ScheduleProblem.class)
                .hasMessageContaining("choose \"Link to the report\"");
        assertThat(schedules.create(daily(world.viewId(), summary, Delivery.LINK)))
                .isPositive();

        testTenants.signIn(reader);
        assertThatThrownBy(() -> schedules.create(daily(world.viewId(), world.admin(), Delivery.CSV)))
                .isInstanceOf(ScheduleProblem.class)
                .hasMessageContaining("Only a global administrator");
        long own = schedules.create(new ScheduleRequest(
                world.viewId(), accountId(reader), Frequency.WEEKLY, DayOfWeek.MONDAY, null, 8, 0, Delivery.CSV));
        assertThat(schedules.list()).extracting(ReportSchedule::id).containsExactly(own);
        assertThatThrownBy(() -> schedules.create(new ScheduleRequest(
                        world.viewId(),
                        accountId(reader),
                        Frequency.WEEKLY,
                        DayOfWeek.MONDAY,
                        null,
                        8,
                        0,
                        Delivery.CSV)))
                .isInstanceOf(ScheduleProblem.class)
                .hasMessageContaining("already scheduled");

        testTenants.signIn(world.admin());
        assertThat(schedules.list())
                .as("an admin sees the tenant's every schedule")
                .hasSize(2);
        testTenants.signIn(stranger);
        assertThat(schedules.list()).as("another tenant sees none").isEmpty();
        assertThatThrownBy(() -> schedules.delete(own))
                .isInstanceOf(ScheduleProblem.class)
                .hasMessageContaining("no such schedule");
    }

    @Test
    void a_call_quality_view_is_sent_as_a_link_because_its_page_has_no_per_user_table() {
        World world = world("quality-link");
        savedViews.save("quality", "range=D7&modality=audio", "Audio this week", true);
        long qualityView = savedViews.visible().stream()
                .filter(view -> view.route().equals("quality"))
                .findFirst()
                .orElseThrow()
                .id();

        // the form's call: the reason comes back, nothing is written
        assertThat(schedules.trySave(0, daily(qualityView, world.admin(), Delivery.XLSX)))
                .hasValueSatisfying(reason ->
                        assertThat(reason).contains("no per-user table to attach", "choose \"Link to the report\""));
        assertThat(schedules.list()).isEmpty();
        assertThat(schedules.trySave(0, daily(qualityView, world.admin(), Delivery.LINK)))
                .isEmpty();
        assertThat(schedules.list())
                .singleElement()
                .satisfies(schedule -> assertThat(schedule.delivery()).isEqualTo(Delivery.LINK));
    }
}
