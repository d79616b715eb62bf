package org.commsportal.alerts;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Emails an alert to its rule's recipients through the portal's SMTP server (docs/alerts-and-webhooks.md, "Email";
 * the server is configured as in docs/operations.md). Without one configured, nothing is sent and the history says
 * so. Answers what happened, for the history.
 */
@Component
class AlertMail {

    private final @Nullable JavaMailSender sender;
    private final String from;

    @Autowired
    AlertMail(
            ObjectProvider<JavaMailSender> sender,
            @Value("${portal.alerts.mail-from:${spring.mail.username:comms-usage-portal@localhost}}") String from) {
        this(sender.getIfAvailable(), from);
    }

    AlertMail(@Nullable JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    String send(List<String> to, String subject, String text) {
        if (to.isEmpty()) {
            return "no recipients";
        }
        if (sender == null) {
            return "not sent: no SMTP server is configured";
        }
        var message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.toArray(String[]::new));
        message.setSubject(subject);
        message.setText(text);
        try {
            sender.send(message);
            return "sent to " + String.join(", ", to);
        } catch (MailException e) {
            return "failed: " + e.getMessage();
        }
    }
}
