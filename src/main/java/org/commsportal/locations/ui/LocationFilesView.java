package org.commsportal.locations.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.commsportal.locations.BuildingFile;
import org.commsportal.locations.BuildingFileRejected;
import org.commsportal.locations.FileProblem;
import org.commsportal.locations.LocationActivation;
import org.commsportal.locations.LocationService;
import org.commsportal.locations.LocationUpload;
import org.commsportal.locations.MappingStatus;
import org.commsportal.security.Roles;

/**
 * The building file (docs/locations.md): global administrators upload a new version and activate a stored one for
 * its validity days; global readers see the versions and activations only. A file with any bad line is refused with
 * every problem listed by line, and nothing of it is stored.
 */
@Route("admin/locations")
@PageTitle("Locations | Comms Usage Portal")
@Menu(order = 13.5, title = "Locations", icon = "vaadin:building")
@RolesAllowed({Roles.GLOBAL_ADMIN, Roles.GLOBAL_READER})
class LocationFilesView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final LocationService service;
    private final boolean manages;
    private final DatePicker validFrom = new DatePicker("Valid from (UTC)");
    private final DatePicker validTo = new DatePicker("Valid to (UTC)");
    private final Div problems = new Div();
    private final Span status = new Span();
    private final Grid<LocationUpload> uploads = new Grid<>();
    private final Grid<LocationActivation> activations = new Grid<>();
    private final java.util.Map<Long, Integer> versions = new java.util.HashMap<>();

    LocationFilesView(LocationService service) {
        this.service = service;
        this.manages = service.mayChange();
        setId("location-files");
        setMaxWidth("72em");
        add(new H2("Locations: building file"));
        add(new Paragraph("A building file maps your networks to buildings, cities and regions, so that call quality "
                + "and reliability can be read by place (Quality by location). It has the columns of the "
                + "vendor's Call Quality Dashboard building data, in this order, as CSV or TSV, with or without a "
                + "header line: " + String.join(", ", BuildingFile.COLUMNS) + ". NetworkIP, NetworkName, "
                + "NetworkRange, BuildingName, InsideCorp and ExpressRoute are required; VPN may be left out. A stream's "
                + "subnet belongs to the longest network that contains it."));
        status.setId("mapping-status");
        add(status);
        if (manages) {
            add(uploadForm());
        } else {
            add(new Paragraph("Global readers see the versions; global administrators upload and activate them."));
        }
        problems.setId("upload-problems");
        add(problems);

        add(new H3("Versions"));
        uploads.setId("location-uploads");
        uploads.addThemeVariants(GridVariant.LUMO_COMPACT);
        uploads.setAllRowsVisible(true);
        uploads.addColumn(LocationUpload::version).setHeader("Version").setAutoWidth(true);
        uploads.addColumn(u -> WHEN.format(u.uploadedAt().atOffset(ZoneOffset.UTC)))
                .setHeader("Uploaded")
                .setAutoWidth(true);
        uploads.addColumn(LocationUpload::uploadedBy).setHeader("By").setAutoWidth(true);
        uploads.addColumn(LocationUpload::fileName).setHeader("File").setAutoWidth(true);
        uploads.addColumn(LocationUpload::rows).setHeader("Rows").setAutoWidth(true);
        uploads.addColumn(u ->
                        u.mapped() ? "mapped" : "mapping " + u.subnetsMapped() + " of " + u.subnetsTotal() + " subnets")
                .setHeader("Subnets")
                .setAutoWidth(true);
        if (manages) {
            uploads.addComponentColumn(u -> {
                        var activate = new Button("Activate", click -> activate(u));
                        activate.setId("activate-" + u.version());
                        return activate;
                    })
                    .setHeader("Activate for the days above")
                    .setAutoWidth(true);
        }
        add(uploads);

        add(new H3("Activations (the latest one covering a day applies to it)"));
        activations.setId("location-activations");
        activations.addThemeVariants(GridVariant.LUMO_COMPACT);
        activations.setAllRowsVisible(true);
        activations
                .addColumn(a -> versions.getOrDefault(a.uploadId(), 0))
                .setHeader("Version")
                .setAutoWidth(true);
        activations
                .addColumn(a -> a.validFrom().equals(LocationService.FROM_THE_START)
                        ? "the start"
                        : a.validFrom().toString())
                .setHeader("Valid from")
                .setAutoWidth(true);
        activations
                .addColumn(a -> a.validTo() == null ? "open-ended" : a.validTo().toString())
                .setHeader("Valid to")
                .setAutoWidth(true);
        activations
                .addColumn(a -> WHEN.format(a.activatedAt().atOffset(ZoneOffset.UTC)))
                .setHeader("Activated")
                .setAutoWidth(true);
        activations.addColumn(LocationActivation::activatedBy).setHeader("By").setAutoWidth(true);
        add(activations);
        addAttachListener(attach -> {
            var polling = attach.getUI().addPollListener(poll -> refresh());
            addDetachListener(detach -> polling.remove());
        });
        refresh();
    }

    private HorizontalLayout uploadForm() {
        validFrom.setId("valid-from");
        validFrom.setHelperText("Empty: from the first day");
        validFrom.setClearButtonVisible(true);
        validTo.setId("valid-to");
        validTo.setHelperText("Empty: open-ended");
        validTo.setClearButtonVisible(true);
        UploadHandler handler = event -> {
            UI ui = event.getUI();
            LocalDate from = validFrom.getValue();
            LocalDate to = validTo.getValue();
            try {
                LocationUpload stored = service.upload(event.getFileName(), event.getInputStream(), from, to);
                ui.access(() -> {
                    showProblems(List.of());
                    Notification.show("Version " + stored.version() + " with " + stored.rows()
                                    + " rows is stored and active; its subnets are being mapped.")
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    refresh();
                });
            } catch (BuildingFileRejected e) {
                ui.access(() -> showProblems(e.problems()));
            } catch (IllegalArgumentException e) {
                ui.access(() -> showProblems(List.of(new FileProblem(0, e.getMessage()))));
            }
        };
        var upload = new Upload(handler);
        upload.setId("building-file-upload");
        upload.setAcceptedFileTypes(".csv", ".tsv", ".txt", "text/csv", "text/tab-separated-values", "text/plain");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) BuildingFile.MAX_BYTES);
        upload.setDropLabel(new Span(
                "Drop a building file here (CSV or TSV, at most " + BuildingFile.MAX_BYTES / (1024 * 1024) + " MB)"));
        upload.addFileRejectedListener(event -> showProblems(List.of(new FileProblem(0, event.getErrorMessage()))));
        upload.addSucceededListener(event -> upload.clearFileList());
        var form = new HorizontalLayout(validFrom, validTo, upload);
        form.setAlignItems(Alignment.END);
        form.setWrap(true);
        return form;
    }

    private void activate(LocationUpload upload) {
        try {
            service.activate(upload.id(), validFrom.getValue(), validTo.getValue());
            Notification.show("Version " + upload.version() + " is active for the chosen days.")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            showProblems(List.of());
        } catch (IllegalArgumentException e) {
            showProblems(List.of(new FileProblem(0, e.getMessage())));
        }
        refresh();
    }

    private void showProblems(List<FileProblem> found) {
        problems.removeAll();
        if (found.isEmpty()) {
            return;
        }
        problems.add(new Paragraph("Nothing was imported: " + found.size() + " problem" + (found.size() == 1 ? "" : "s")
                + ". Correct the file and upload it again."));
        var list = new UnorderedList();
        found.forEach(problem -> list.add(new ListItem(problem.toString())));
        problems.add(list);
        problems.getStyle().set("color", "var(--lumo-error-text-color)");
    }

    private void refresh() {
        List<LocationUpload> stored = service.uploads();
        versions.clear();
        stored.forEach(u -> versions.put(u.id(), u.version()));
        uploads.setItems(stored);
        activations.setItems(service.activations());
        MappingStatus mapping = service.status();
        status.setText(statusText(mapping));
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.setPollInterval(mapping.remapping() ? 1000 : -1);
        }
    }

    static String statusText(MappingStatus mapping) {
        if (!mapping.remapping()) {
            return "";
        }
        String asOf = mapping.figuresAsOf() == null
                ? "before any building file"
                : "as of " + WHEN.format(mapping.figuresAsOf().atOffset(ZoneOffset.UTC));
        return "Re-mapping subnets to buildings (" + mapping.mapped() + " of " + mapping.total() + " subnets); figures "
                + asOf + ".";
    }
}
