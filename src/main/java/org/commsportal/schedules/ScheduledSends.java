package org.commsportal.schedules;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.export.ExportFormat;
import org.commsportal.lease.JobLeases;
import org.commsportal.savedviews.SavedView;
import org.commsportal.security.PortalUser;
import org.commsportal.security.SignedInRoles;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the scheduled reports that are due (docs/scheduled-reports.md, "Sending"). Each minute every node looks for
 * due schedules; a node sends one due instant only while it holds that send's lease, and records the send before it
 * hands the message to SMTP and after SMTP accepted it. A send is so at most once per due instant: an SMTP refusal
 * is retried with a growing delay, but a node that dies between the two records leaves the send INTERRUPTED, which no
 * node retries, since its message may have gone out.
 */
@Component
public class ScheduledSends {

    private static final Logger log = LoggerFactory.getLogger(ScheduledSends.class);

    /** Longer than rendering and an SMTP exchange with its timeouts take. */
    static final Duration LEASE = Duration.ofMinutes(10);

    static final int MAX_ATTEMPTS = 6;
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final int DUE_PER_TICK = 200;
    static final String ACTOR = "scheduled reports";

    private final ReportScheduleRepository schedules;
    private final ReportSchedules service;
    private final RecipientSignIn recipients;
    private final ScheduledExports exports;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final JobLeases leases;
    private final AuditLog audit;
    private final Clock clock;
    private final boolean enabled;
    private final String smtpHost;
    private final String from;
    private final String publicUrl;
    private final long maxAttachmentBytes;

    ScheduledSends(
            ReportScheduleRepository schedules,
            ReportSchedules service,
            RecipientSignIn recipients,
            ScheduledExports exports,
            ObjectProvider<JavaMailSender> mailSender,
            JobLeases leases,
            AuditLog audit,
            Clock clock,
            @Value("${portal.schedules.enabled:true}") boolean enabled,
            @Value("${spring.mail.host:}") String smtpHost,
            @Value("${portal.smtp.from:}") String from,
            @Value("${portal.public-url:}") String publicUrl,
            @Value("${portal.schedules.max-attachment-bytes:10485760}") long maxAttachmentBytes) {
        this.schedules = schedules;
        this.service = service;
        this.recipients = recipients;
        this.exports = exports;
        this.mailSender = mailSender;
        this.leases = leases;
        this.audit = audit;
        this.clock = clock;
        this.enabled = enabled;
        this.smtpHost = smtpHost.strip();
        this.from = from.strip();
        this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
        this.maxAttachmentBytes = maxAttachmentBytes;
        if (enabled && (this.smtpHost.isEmpty() || this.publicUrl.isEmpty())) {
            log.warn("Scheduled reports are not sent: set PORTAL_SMTP_HOST and PORTAL_PUBLIC_URL "
                    + "(docs/scheduled-reports.md)");
        }
    }

    /** Whether this node sends scheduled reports at all: SMTP and the public address are configured. */
    public boolean configured() {
        return !smtpHost.isEmpty() && !publicUrl.isEmpty();
    }

    @Scheduled(fixedDelayString = "${portal.schedules.tick-ms:60000}", initialDelay = 30_000)
    void tick() {
        if (enabled && configured()) {
            try {
                runDue(clock.instant(), leases);
            } catch (RuntimeException e) {
                log.warn("Scheduled reports: the run failed and is tried again at the next tick", e);
            }
        }
    }

    /** Sends what is due at {@code now}, holding each send's lease in {@code nodeLeases}; returns messages sent. */
    public int runDue(Instant now, JobLeases nodeLeases) {
        int sent = 0;
        for (long id : schedules.due(now, DUE_PER_TICK)) {
            Optional<ReportScheduleRepository.Row> row = schedules.findAnyTenant(id);
            if (row.isEmpty()) {
                continue;
            }
            Instant due = row.get().nextDueAt();
            String job = "report-send:" + id + ":" + due.toEpochMilli();
            boolean[] delivered = {false};
            nodeLeases.runExclusively(job, LEASE, () -> delivered[0] = sendDue(id, due, now));
            if (delivered[0]) {
                sent++;
            }
        }
        return sent;
    }

    /** One due instant of one schedule, under its lease; true when a message was accepted by SMTP. */
    private boolean sendDue(long id, Instant due, Instant now) {
        // Read again under the lease: another node may have sent it and moved the schedule on
        Optional<ReportScheduleRepository.Row> current = schedules.findAnyTenant(id);
        if (current.isEmpty()
                || !current.get().nextDueAt().equals(due)
                || current.get().suspendedReason() != null) {
            return false;
        }
        ReportScheduleRepository.Row row = current.get();
        ReportScheduleRepository.Send send = schedules.send(row.tenantId(), id, due);
        switch (send.state()) {
            case "PENDING" -> {
                if (send.nextAttemptAt().isAfter(now)) {
                    return false; // waiting for its retry
                }
                return attempt(row, due, send.attempts(), now);
            }
            case "SENDING" -> {
                if (send.nextAttemptAt().plus(LEASE).isAfter(now)) {
                    return false; // still being sent (the time it began is kept in next_attempt_at)
                }
                // The node that sent it died before recording the outcome (its lease expired): the message may
                // have gone out, so it is not sent again
                schedules.moveSend(id, due, "SENDING", "INTERRUPTED", send.attempts(), now, "node stopped", now);
                audit.record(
                        row.tenantId(),
                        ACTOR,
                        AuditAction.SCHEDULED_REPORT_FAILED,
                        describe(row, due)
                                + ": interrupted while sending; not sent again, as it may have been delivered",
                        null);
                moveOn(row, due, now);
                return false;
            }
            default -> {
                moveOn(row, due, now);
                return false;
            }
        }
    }

    private boolean attempt(ReportScheduleRepository.Row row, Instant due, int attempts, Instant now) {
        long id = row.id();
        Optional<PortalUser> recipient = recipients.current(row.tenantId(), row.recipient());
        Optional<SavedView> view = recipient.flatMap(user -> service.openable(user, row.savedViewId()));
        boolean attachment = row.delivery() != Delivery.LINK;
        String refused = recipient.isEmpty()
                ? "the account " + row.recipient() + " is disabled"
                : view.isEmpty()
                        ? row.recipient() + " may no longer open the saved view"
                        : attachment && !recipients.as(recipient.get(), SignedInRoles::mayReadPerUserData)
                                ? row.recipient() + "'s roles no longer show the per-user table"
                                : null;
        if (refused != null) {
            schedules.moveSend(id, due, "PENDING", "SUSPENDED", attempts, now, refused, now);
            schedules.suspend(
                    id, "Suspended " + now.toString().substring(0, 16).replace('T', ' ') + " UTC: " + refused + ".");
            audit.record(
                    row.tenantId(),
                    ACTOR,
                    AuditAction.SCHEDULE_SUSPENDED,
                    describe(row, due) + ": suspended, no data sent, because " + refused,
                    null);
            return false;
        }
        MimeMessage message;
        long rows;
        try {
            Rendered rendered = recipients.as(recipient.get(), () -> render(row, view.get(), recipient.get()));
            message = rendered.message();
            rows = rendered.rows();
        } catch (RuntimeException e) {
            return failed(
                    row, due, attempts, now, "rendering failed: " + e.getClass().getSimpleName());
        }
        // Recorded before the message leaves: if this node dies now, no node sends this due instant again
        if (!schedules.moveSend(id, due, "PENDING", "SENDING", attempts + 1, now, null, null)) {
            return false;
        }
        try {
            mailSender.getObject().send(message);
        } catch (MailException e) {
            // Refused or unreachable: SMTP took no message, so the same due instant may be tried again
            schedules.moveSend(id, due, "SENDING", "PENDING", attempts + 1, now, null, null);
            return failed(row, due, attempts + 1, now, "SMTP: " + e.getMessage());
        }
        schedules.moveSend(id, due, "SENDING", "SENT", attempts + 1, now, null, clock.instant());
        audit.record(
                row.tenantId(),
                ACTOR,
                AuditAction.SCHEDULED_REPORT_SENT,
                describe(row, due) + ": sent to "
                        + row.recipient() + " as " + row.delivery().label()
                        + (rows >= 0 ? ", " + rows + " rows" : "")
                        + (attempts > 0 ? ", attempt " + (attempts + 1) : ""),
                null);
        moveOn(row, due, now);
        return true;
    }

    /** A failed attempt: retried after 1, 2, 4, 8 and 16 minutes, then given up until the next due instant. */
    private boolean failed(ReportScheduleRepository.Row row, Instant due, int attempts, Instant now, String error) {
        log.warn("Scheduled report {} due {}: attempt {} failed: {}", row.id(), due, attempts, error);
        if (attempts >= MAX_ATTEMPTS) {
            schedules.moveSend(row.id(), due, "PENDING", "FAILED", attempts, now, error, now);
            audit.record(
                    row.tenantId(),
                    ACTOR,
                    AuditAction.SCHEDULED_REPORT_FAILED,
                    describe(row, due) + ": given up after " + attempts + " attempts; last error " + error,
                    null);
            moveOn(row, due, now);
        } else {
            Instant retry = now.plus(FIRST_RETRY.multipliedBy(1L << Math.max(0, attempts - 1)));
            schedules.moveSend(row.id(), due, "PENDING", "PENDING", Math.max(attempts, 1), retry, error, null);
        }
        return false;
    }

    /** The next due instant after this one (missed ones in between are not sent late, one by one). */
    private void moveOn(ReportScheduleRepository.Row row, Instant due, Instant now) {
        ZoneId zone = ReportScheduleRepository.zoneOf(row.recipientZone());
        schedules.moveDue(row.id(), due, row.rule().nextDueAfter(now.isAfter(due) ? now : due, zone));
    }

    private static String describe(ReportScheduleRepository.Row row, Instant due) {
        return "Scheduled report \"" + row.viewName() + "\" (/" + row.route() + ", schedule " + row.id() + ") due "
                + due;
    }

    private record Rendered(MimeMessage message, long rows) {}

    /** Builds the message as the signed-in recipient: the export runs with their roles and concealment. */
    private Rendered render(ReportScheduleRepository.Row row, SavedView view, PortalUser recipient) {
        String link = publicUrl + "/" + view.address();
        String unsubscribe = publicUrl + UnsubscribeController.PATH + "?token="
                + UnsubscribeTokens.token(row.id(), row.recipientId(), row.unsubscribeKey());
        try {
            JavaMailSender sender = mailSender.getObject();
            MimeMessage message = sender.createMimeMessage();
            @Nullable ExportFormat format = row.delivery().format();
            long rows = -1;
            @Nullable String note = null;
            MimeMessageHelper helper = new MimeMessageHelper(message, format != null, "UTF-8");
            byte[] attachment = null;
            String fileName = null;
            if (format != null) {
                var out = new ByteArrayOutputStream();
                ScheduledExports.Rendered rendered = exports.export(view.route(), view.query(), format, out);
                rows = rendered.rows();
                if (out.size() > maxAttachmentBytes) {
                    note = "The table has " + rows + " rows, too large to attach: open it with the link.";
                } else {
                    attachment = out.toByteArray();
                    fileName = rendered.fileName();
                }
            }
            if (!from.isEmpty()) {
                helper.setFrom(from);
            }
            helper.setTo(recipient.getUsername());
            helper.setSubject("Scheduled report: " + view.name());
            helper.setText(body(row, view, link, unsubscribe, rows, note));
            if (attachment != null && fileName != null && format != null) {
                helper.addAttachment(
                        fileName, new org.springframework.core.io.ByteArrayResource(attachment), format.contentType());
            }
            message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            message.setHeader("Auto-Submitted", "auto-generated");
            return new Rendered(message, rows);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("The message could not be built", e);
        }
    }

    private static String body(
            ReportScheduleRepository.Row row,
            SavedView view,
            String link,
            String unsubscribe,
            long rows,
            @Nullable String note) {
        return String.join(
                "\n",
                List.of(
                        "Your scheduled report \"" + view.name() + "\" ("
                                + row.rule().describe() + ", " + row.recipientZone() + ").",
                        rows >= 0 && note == null ? "The per-user table has " + rows + " rows; it is attached." : "",
                        note == null ? "" : note,
                        "",
                        "Open the report: " + link,
                        "",
                        "You receive this because of a schedule by " + row.createdBy()
                                + " in the Comms Usage Portal. Figures are as your roles and privacy settings show"
                                + " them.",
                        "Stop receiving it: " + unsubscribe,
                        ""));
    }
}
