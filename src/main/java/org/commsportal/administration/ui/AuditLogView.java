package org.commsportal.administration.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditEvent;
import org.commsportal.audit.AuditLog;
import org.commsportal.audit.AuditQuery;
import org.commsportal.base.ui.DateTimeInput;
import org.commsportal.base.ui.GridColumns;
import org.commsportal.base.ui.StreamedExports;
import org.commsportal.security.Roles;
import org.commsportal.security.ViewerTimeZone;
import org.jspecify.annotations.Nullable;

/**
 * The tenant's audit trail, newest first, filtered by actor, action and time (in the viewer's zone), paged in the
 * database and exportable. The portal offers no way to change or remove an entry.
 */
@Route("admin/audit-log")
@PageTitle("Audit log | Comms Usage Portal")
@Menu(order = 12, title = "Audit log", icon = "vaadin:records")
@RolesAllowed({Roles.GLOBAL_ADMIN, Roles.GLOBAL_READER})
class AuditLogView extends VerticalLayout {

    private final AuditLog auditLog;
    private final ZoneId zone;
    private final TextField actor = new TextField("Actor contains");
    private final ComboBox<AuditAction> action = new ComboBox<>("Action");
    private final DateTimePicker from = DateTimeInput.create("From", "audit-from");
    private final DateTimePicker to = DateTimeInput.create("To", "audit-to");
    private final Grid<AuditEvent> grid = new Grid<>();
    private final Span count = new Span();
    private AuditQuery query = AuditQuery.ALL;
    private final String zoneHelp;

    AuditLogView(AuditLog auditLog, ViewerTimeZone viewerTimeZone) {
        this.auditLog = auditLog;
        this.zone = viewerTimeZone.current();
        setId("audit-log");
        setSizeFull();

        actor.setId("audit-actor");
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        actor.setClearButtonVisible(true);
        action.setId("audit-action");
        action.setItems(AuditAction.values());
        action.setClearButtonVisible(true);
        zoneHelp = "Times in " + zone.getId();
        from.setHelperText(zoneHelp);
        to.setHelperText(zoneHelp);
        actor.addValueChangeListener(change -> applyFilter());
        action.addValueChangeListener(change -> applyFilter());
        from.addValueChangeListener(change -> applyFilter());
        to.addValueChangeListener(change -> applyFilter());
        // Text the field cannot read changes no value, only its validation status
        from.addValidationStatusChangeListener(change -> applyFilter());
        to.addValidationStatusChangeListener(change -> applyFilter());

        DateTimeFormatter time =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        grid.setId("audit-grid");
        grid.addColumn(event -> time.format(event.occurredAt()))
                .setHeader("Time (" + zone.getId() + ")")
                .setAutoWidth(true);
        grid.addColumn(AuditEvent::actor).setHeader("Actor").setAutoWidth(true);
        grid.addColumn(AuditEvent::action).setHeader("Action").setAutoWidth(true);
        // A detail can run to hundreds of characters (an export's columns): it wraps rather than being cut short
        grid.addColumn(GridColumns.wrappingText(AuditEvent::detail))
                .setHeader("Detail")
                .setWidth("24rem")
                .setFlexGrow(3);
        grid.addColumn(event -> event.remoteAddr() == null ? "" : event.remoteAddr())
                .setHeader("Address")
                .setAutoWidth(true);
        GridColumns.resizableWithFirstFrozen(grid);
        count.setId("audit-count");

        var export = new StreamedExports(format -> {
            AuditQuery current = query;
            return new StreamedExports.Download(
                    AuditLog.exportFileName(current, format, zone),
                    auditLog.count(current),
                    (out, progress) -> auditLog.export(current, format, out, zone, progress));
        });
        var filters = new HorizontalLayout(actor, action, from, to);
        filters.setAlignItems(Alignment.BASELINE);
        filters.setWrap(true);
        add(new H2("Audit log"), filters, new HorizontalLayout(count, export), grid);
        grid.setMinHeight("22rem");
        setFlexGrow(1, grid);
        applyFilter();
    }

    /**
     * Filters by what the fields hold. A date-time field whose text cannot be read, or a wall-clock time that does
     * not exist in the viewer's zone, says so next to it and leaves the list as it was: neither means "no limit".
     */
    private void applyFilter() {
        from.setInvalid(false);
        to.setInvalid(false);
        from.setHelperText(zoneHelp);
        to.setHelperText(zoneHelp);
        boolean unreadable = refuse(from) | refuse(to);
        if (unreadable) {
            count.setText("The time range cannot be read: nothing filtered");
            return;
        }
        Instant start = instant(from);
        Instant end = instant(to);
        if (start != null && end != null && !end.isAfter(start)) {
            to.setErrorMessage("The end must be after the start.");
            to.setInvalid(true);
            return;
        }
        query = new AuditQuery(actor.getValue(), action.getValue(), start, end);
        AuditQuery current = query;
        grid.setItems(page -> auditLog.page(current, page.getOffset(), page.getLimit()).stream(), page ->
                (int) Math.min(Integer.MAX_VALUE, auditLog.count(current)));
        count.setText(auditLog.count(current) + " entries");
    }

    /** Marks the field when its text cannot be read or its time does not exist in the zone; true then. */
    private boolean refuse(DateTimePicker field) {
        String error = DateTimeInput.inputError(field);
        LocalDateTime local = field.getValue();
        if (error == null && local != null) {
            var change = zone.getRules().getTransition(local);
            if (change != null && change.isGap()) {
                error = local.toString().replace('T', ' ') + " does not exist in " + zone.getId()
                        + ": clocks skip from " + change.getDateTimeBefore().toLocalTime() + " to "
                        + change.getDateTimeAfter().toLocalTime() + " that night.";
            } else if (change != null && change.isOverlap()) {
                field.setHelperText(local.toString().replace('T', ' ') + " occurs twice in " + zone.getId()
                        + "; the first one, at UTC" + change.getOffsetBefore().getId() + ", is used.");
            }
        }
        if (error == null) {
            return false;
        }
        field.setErrorMessage(error);
        field.setInvalid(true);
        return true;
    }

    private @Nullable Instant instant(DateTimePicker field) {
        LocalDateTime local = field.getValue();
        return local == null ? null : local.atZone(zone).toInstant();
    }
}
