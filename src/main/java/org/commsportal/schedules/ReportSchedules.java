package org.commsportal.schedules;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.savedviews.SavedView;
import org.commsportal.savedviews.SavedViews;
import org.commsportal.security.PortalUser;
import org.commsportal.security.Role;
import org.commsportal.security.Roles;
import org.commsportal.security.SignedInAccount;
import org.commsportal.security.SignedInRoles;
import org.commsportal.tenant.CurrentTenant;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Creates, lists, changes and deletes scheduled reports (docs/scheduled-reports.md). An account schedules saved views
 * it may open for itself; a global administrator may also schedule them for the tenant's other accounts, and sees and
 * manages every schedule of the tenant. A schedule is accepted only if its recipient may open the view, as the
 * recipient's roles are now.
 */
@Service
public class ReportSchedules {

    static final int MAX_SCHEDULES_PER_RECIPIENT = 50;

    /** A user name that is an email address: scheduled reports go to it. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final ReportScheduleRepository schedules;
    private final SavedViews savedViews;
    private final RecipientSignIn recipients;
    private final CurrentTenant currentTenant;
    private final AuditLog audit;
    private final Clock clock;

    ReportSchedules(
            ReportScheduleRepository schedules,
            SavedViews savedViews,
            RecipientSignIn recipients,
            CurrentTenant currentTenant,
            AuditLog audit,
            Clock clock) {
        this.schedules = schedules;
        this.savedViews = savedViews;
        this.recipients = recipients;
        this.currentTenant = currentTenant;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether the signed-in account may schedule reports for others and sees all of the tenant's schedules. */
    public boolean managesTenant() {
        return SignedInRoles.has(Role.GLOBAL_ADMIN);
    }

    /** The accounts the signed-in account may schedule reports for: itself, or the whole tenant for an admin. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public List<Recipient> recipients() {
        long tenantId = currentTenant.id();
        if (managesTenant()) {
            return schedules.accounts(tenantId).stream()
                    .filter(Recipient::enabled)
                    .toList();
        }
        return schedules.account(tenantId, SignedInAccount.id()).stream().toList();
    }

    /** Whether a view of this route can carry its per-user table as an attachment, or only a link. */
    public static boolean attachesTable(String route) {
        return ScheduledExports.ROUTES.contains(route);
    }

    /** The signed-in account's id: the recipient a new schedule starts with. */
    public long signedInAccountId() {
        return SignedInAccount.id();
    }

    /** The saved views the signed-in account may open, which it may schedule. */
    @PreAuthorize(Roles.READ_CHARTS)
    public List<SavedView> views() {
        return savedViews.visible();
    }

    /** The signed-in account's schedules; a global administrator's list holds the tenant's every schedule. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public List<ReportSchedule> list() {
        return schedules.list(currentTenant.id(), managesTenant() ? null : SignedInAccount.id()).stream()
                .map(ReportScheduleRepository.Row::shown)
                .toList();
    }

    /** Schedules a saved view; a clear {@link ScheduleProblem} when it cannot. Returns the schedule's id. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional
    public long create(ScheduleRequest request) {
        long tenantId = currentTenant.id();
        Checked checked = check(tenantId, request);
        if (schedules.exists(tenantId, request.savedViewId(), request.recipientId(), 0)) {
            throw new ScheduleProblem("\"" + checked.view().name() + "\" is already scheduled for "
                    + checked.recipient().getUsername() + ": change that schedule instead.");
        }
        if (schedules.countFor(tenantId, request.recipientId()) >= MAX_SCHEDULES_PER_RECIPIENT) {
            throw new ScheduleProblem(checked.recipient().getUsername() + " has " + MAX_SCHEDULES_PER_RECIPIENT
                    + " scheduled reports, the most an account receives: delete one first.");
        }
        Instant now = clock.instant();
        Instant due = checked.rule().nextDueAfter(now, checked.zone());
        long id = schedules.insert(
                tenantId,
                request.savedViewId(),
                request.recipientId(),
                currentUsername(),
                checked.rule(),
                request.delivery(),
                due,
                UnsubscribeTokens.newKey(),
                now);
        audit.recordChange(
                AuditAction.SCHEDULE_CREATED,
                "Scheduled \"" + checked.view().name() + "\" (/"
                        + checked.view().route() + ") for "
                        + checked.recipient().getUsername() + ": "
                        + checked.rule().describe() + " " + checked.zone() + ", "
                        + request.delivery().label());
        return id;
    }

    /** Changes a schedule (and lifts its suspension if its recipient may open the view again). */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional
    public void update(long id, ScheduleRequest request) {
        long tenantId = currentTenant.id();
        ReportScheduleRepository.Row existing = mine(tenantId, id);
        if (existing.savedViewId() != request.savedViewId()) {
            throw new ScheduleProblem("A schedule keeps its saved view: delete it and schedule the other view.");
        }
        Checked checked = check(tenantId, request);
        if (schedules.exists(tenantId, request.savedViewId(), request.recipientId(), id)) {
            throw new ScheduleProblem("\"" + checked.view().name() + "\" is already scheduled for "
                    + checked.recipient().getUsername() + ".");
        }
        Instant due = checked.rule().nextDueAfter(clock.instant(), checked.zone());
        schedules.update(tenantId, id, request.recipientId(), checked.rule(), request.delivery(), due);
        audit.recordChange(
                AuditAction.SCHEDULE_CHANGED,
                "Changed the schedule of \"" + checked.view().name()
                        + "\" for " + checked.recipient().getUsername() + ": "
                        + checked.rule().describe() + " "
                        + checked.zone() + ", " + request.delivery().label());
    }

    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional
    public void delete(long id) {
        long tenantId = currentTenant.id();
        ReportScheduleRepository.Row existing = mine(tenantId, id);
        schedules.delete(tenantId, id);
        audit.recordChange(
                AuditAction.SCHEDULE_DELETED,
                "Deleted the schedule of \"" + existing.viewName() + "\" for " + existing.recipient());
    }

    /** {@link #create} or {@link #update} (id 0 creates), answering why not instead of throwing, for a form. */
    // its own transaction: the calls below are on this object, past the proxy, so their annotations do not apply
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional
    public Optional<String> trySave(long id, ScheduleRequest request) {
        try {
            if (id == 0) {
                create(request);
            } else {
                update(id, request);
            }
            return Optional.empty();
        } catch (ScheduleProblem problem) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly(); // nothing half-written
            return Optional.of(problem.getMessage());
        }
    }

    private ReportScheduleRepository.Row mine(long tenantId, long id) {
        ReportScheduleRepository.Row row = schedules
                .find(tenantId, id)
                .orElseThrow(() -> new ScheduleProblem("There is no such schedule; it may have been deleted."));
        if (!managesTenant() && row.recipientId() != SignedInAccount.id()) {
            throw new ScheduleProblem("That schedule is another account's: only a global administrator changes it.");
        }
        return row;
    }

    private record Checked(SavedView view, PortalUser recipient, ScheduleRule rule, ZoneId zone) {}

    private Checked check(long tenantId, ScheduleRequest request) {
        if (request.hour() < 0 || request.hour() > 23 || request.minute() < 0 || request.minute() > 59) {
            throw new ScheduleProblem("The time of day must be between 00:00 and 23:59.");
        }
        ScheduleRule rule = new ScheduleRule(
                request.frequency(),
                request.dayOfWeek(),
                request.dayOfMonth(),
                LocalTime.of(request.hour(), request.minute()));
        long me = SignedInAccount.id();
        if (request.recipientId() != me && !managesTenant()) {
            throw new ScheduleProblem("Only a global administrator schedules reports for other accounts.");
        }
        Recipient account = schedules
                .account(tenantId, request.recipientId())
                .orElseThrow(() -> new ScheduleProblem("There is no such account in your organization."));
        if (!EMAIL.matcher(account.username()).matches()) {
            throw new ScheduleProblem("Scheduled reports go to the account's user name, and " + account.username()
                    + " is no email address.");
        }
        PortalUser recipient = recipients
                .current(tenantId, account.username())
                .orElseThrow(() -> new ScheduleProblem("The account " + account.username() + " is disabled."));
        Optional<SavedView> view = openable(recipient, request.savedViewId());
        if (view.isEmpty()) {
            throw new ScheduleProblem(
                    request.recipientId() == me
                            ? "There is no saved view of that number that you may open."
                            : account.username() + " may not open that saved view (it is private, or their roles do not"
                                    + " open that report).");
        }
        if (request.delivery() != Delivery.LINK
                && !ScheduledExports.ROUTES.contains(view.get().route())) {
            throw new ScheduleProblem("The page of \"" + view.get().name() + "\" has no per-user table to attach:"
                    + " choose \"" + Delivery.LINK.label() + "\".");
        }
        if (request.delivery() != Delivery.LINK && !recipients.as(recipient, SignedInRoles::mayReadPerUserData)) {
            throw new ScheduleProblem("The per-user table is not shown to " + account.username()
                    + "'s roles, so there is nothing to attach: choose \"" + Delivery.LINK.label() + "\".");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(account.timeZone());
        } catch (DateTimeException unknown) {
            zone = java.time.ZoneOffset.UTC;
        }
        return new Checked(view.get(), recipient, rule, zone);
    }

    /** The saved view as the recipient may open it, with what their roles and concealment allow, if they may. */
    Optional<SavedView> openable(PortalUser recipient, long savedViewId) {
        return recipients.as(recipient, () -> {
            try {
                return savedViews.visible().stream()
                        .filter(view -> view.id() == savedViewId)
                        .findFirst();
            } catch (AccessDeniedException noChartRole) {
                return Optional.empty();
            }
        });
    }

    private static String currentUsername() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return auth == null ? "unknown" : auth.getName();
    }
}
