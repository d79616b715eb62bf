package org.commsportal.schedules;

import java.util.Optional;
import java.util.OptionalLong;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Unsubscribing by a message's signed token, without a sign-in; audited in the schedule's tenant. */
@Service
class Unsubscribing {

    private final ReportScheduleRepository schedules;
    private final AuditLog audit;

    Unsubscribing(ReportScheduleRepository schedules, AuditLog audit) {
        this.schedules = schedules;
        this.audit = audit;
    }

    /** What the token unsubscribes from, in words; empty when the token is not valid. */
    @Transactional(readOnly = true)
    public Optional<String> describe(String token) {
        return valid(token).map(Unsubscribing::what);
    }

    /** Deletes the schedule the token names; what it was, or empty when the token is not valid (any more). */
    @Transactional
    public Optional<String> unsubscribe(String token, String remoteAddr) {
        Optional<ReportScheduleRepository.Row> row = valid(token);
        row.ifPresent(schedule -> {
            schedules.delete(schedule.tenantId(), schedule.id());
            audit.record(
                    schedule.tenantId(),
                    schedule.recipient(),
                    AuditAction.SCHEDULE_UNSUBSCRIBED,
                    "Unsubscribed by the message's link from \"" + schedule.viewName() + "\" (schedule " + schedule.id()
                            + ")",
                    remoteAddr);
        });
        return row.map(Unsubscribing::what);
    }

    private Optional<ReportScheduleRepository.Row> valid(String token) {
        OptionalLong id = UnsubscribeTokens.claimedId(token);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return schedules
                .findAnyTenant(id.getAsLong())
                .filter(row -> UnsubscribeTokens.valid(token, row.id(), row.recipientId(), row.unsubscribeKey()));
    }

    private static String what(ReportScheduleRepository.Row row) {
        return "the scheduled report \"" + row.viewName() + "\" (" + row.rule().describe() + ")";
    }
}
