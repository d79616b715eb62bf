package org.commsportal.importing.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.stream.Collectors;
import org.commsportal.importing.ImportUploads;
import org.commsportal.importing.ImportUploads.Source;
import org.commsportal.importing.UploadFolder;
import org.commsportal.security.Roles;
import org.jspecify.annotations.Nullable;

/**
 * Upload files of another system and import them into the signed-in organization with the command line's importer:
 * checked whole first (a bad file imports nothing and every problem is listed), then written with progress, rate and
 * time left, and a summary; sessions optionally on the bulk path, whose final rebuild shows its steps (docs/pages.md,
 * "Import").
 */
@Route("admin/import")
@PageTitle("Import | Comms Usage Portal")
@Menu(order = 13.5, title = "Import", icon = "vaadin:file-add")
@RolesAllowed(Roles.GLOBAL_ADMIN)
class ImportUploadView extends VerticalLayout {

    /** Lines of output kept on the page; the importers list at most 50 problems, the rest are progress lines. */
    private static final int SHOWN_LINES = 300;

    private static final int POLL_MILLIS = 400;

    private final ImportUploads imports;
    private final RadioButtonGroup<Source> source = new RadioButtonGroup<>("Source");
    private final Upload upload = new Upload();
    private final Span received = new Span();
    private final Span uploadError = new Span();
    private final TextField columns = new TextField("Column mapping (optional)");
    private final Checkbox dryRun = new Checkbox("Dry run: check and show the first rows, write nothing");
    private final Checkbox bulk = new Checkbox("Bulk (history backfill)");
    private final Button start = new Button("Import");
    private final ProgressBar progress = new ProgressBar();
    private final Span rate = new Span();
    private final Span rebuildStep = new Span();
    private final Pre output = new Pre();
    private final Div summary = new Div();
    private final Deque<String> lines = new ArrayDeque<>();
    private @Nullable UploadFolder folder;
    private boolean running;

    ImportUploadView(ImportUploads imports) {
        this.imports = imports;
        setId("import-upload");
        setMaxWidth("72em");

        source.setId("import-source");
        source.setItems(Source.values());
        source.setItemLabelGenerator(Source::label);
        source.setValue(Source.TEAMS_CALL_RECORDS);
        source.addValueChangeListener(change -> sourceChanged());

        upload.setId("import-files");
        upload.setMaxFileSize((int) Math.min(imports.maxBytes(), Integer.MAX_VALUE));
        upload.setUploadHandler(receiver());
        upload.addFileRejectedListener(rejected -> showUploadError(rejected.getErrorMessage()));
        upload.addFileRemovedListener(removed -> {
            try {
                if (folder != null) {
                    folder.remove(removed.getFileName());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            showReceived();
        });
        received.setId("import-received");
        uploadError.setId("import-upload-error");
        uploadError.getStyle().set("color", "var(--lumo-error-text-color)");

        columns.setId("import-columns");
        columns.setPlaceholder("e.g. upn=Email,displayName=Full name");
        columns.setWidth("28em");
        dryRun.setId("import-dry-run");
        bulk.setId("import-bulk");
        bulk.setHelperText("Raw rows first, then the reports of the imported days rebuilt at the end: faster for a"
                + " history backfill. Meanwhile the usage and quality pages show \"Import in progress, figures up"
                + " to ...\"; webhooks are not notified of these sessions.");

        start.setId("start-import");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(click -> startImport());

        progress.setId("import-progress");
        progress.setVisible(false);
        rate.setId("import-rate");
        rebuildStep.setId("import-step");
        output.setId("import-output");
        output.getStyle()
                .set("white-space", "pre-wrap")
                .set("max-height", "24em")
                .set("overflow", "auto");
        output.setVisible(false);
        summary.setId("import-summary");

        add(
                new H2("Import"),
                new Paragraph(new Text("Import files exported from another system into this organization, as the "
                        + "command line's import does: every file is checked first, and if anything is wrong nothing"
                        + " is imported and every problem is listed with its file, line and column. Up to "
                        + String.format(Locale.ROOT, "%,d", imports.maxBytes())
                        + " bytes per import; larger histories are imported with the command line. See ")),
                docs(),
                source,
                upload,
                received,
                uploadError,
                columns,
                dryRun,
                bulk,
                start,
                progress,
                rate,
                rebuildStep,
                summary,
                output);
        sourceChanged();
    }

    private static Div docs() {
        Div links = new Div(
                new Anchor("docs/import-teams-call-records", "Teams call records"),
                new Text(", "),
                new Anchor("docs/import-sfb-server", "Skype for Business Server"),
                new Text(", "),
                new Anchor("docs/import-users-csv", "users CSV"),
                new Text("."));
        links.setId("import-docs");
        return links;
    }

    /** Streams each uploaded file into the folder; runs on the upload request's thread, not the UI's. */
    private UploadHandler receiver() {
        long limit = imports.maxBytes();
        return new UploadHandler() {
            @Override
            public void handleUploadRequest(com.vaadin.flow.server.streams.UploadEvent event) throws IOException {
                UI ui = event.getUI();
                UploadFolder into = folder;
                if (into == null) {
                    throw new IOException("The page is not ready for uploads; reload it.");
                }
                try {
                    into.receive(event.getFileName(), event.getInputStream());
                    ui.access(() -> showReceived());
                } catch (IOException e) {
                    ui.access(() -> showUploadError(String.valueOf(e.getMessage())));
                    throw e;
                }
            }

            @Override
            public long getRequestSizeMax() {
                return limit + (1 << 20); // the folder counts the files' bytes; this bounds the request around them
            }
        };
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        super.onAttach(attach);
        if (folder == null) {
            newFolder();
        }
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        super.onDetach(detach);
        if (!running && folder != null) { // a running import deletes its folder when it ends
            try {
                folder.close();
            } catch (IOException e) {
                // a temporary folder left behind is removed with the machine's temporary files
            }
            folder = null;
        }
    }

    private void newFolder() {
        try {
            folder = imports.newFolder();
        } catch (IOException e) {
            showUploadError("No temporary folder for uploads: " + e.getMessage());
        }
        upload.clearFileList();
        showReceived();
    }

    private void sourceChanged() {
        Source chosen = source.getValue();
        boolean users = chosen == Source.USERS_CSV;
        upload.setMaxFiles(chosen.severalFiles() ? 100 : 1);
        upload.setAcceptedFileTypes(
                switch (chosen) {
                    case TEAMS_CALL_RECORDS -> new String[] {".json", ".ndjson", ".jsonl"};
                    case SFB_SERVER, USERS_CSV -> new String[] {".csv", ".tsv", ".txt"};
                });
        columns.setVisible(users);
        dryRun.setVisible(users);
        bulk.setVisible(chosen.bulkPath());
    }

    private void showReceived() {
        UploadFolder current = folder;
        var files = current == null ? java.util.List.<UploadFolder.Received>of() : current.received();
        received.setText(
                files.isEmpty()
                        ? "No files uploaded yet."
                        : "Uploaded: "
                                + files.stream()
                                        .map(f -> String.format(Locale.ROOT, "%s (%,d bytes)", f.name(), f.bytes()))
                                        .collect(Collectors.joining(", ")));
        if (!files.isEmpty()) {
            uploadError.setText("");
        }
        start.setEnabled(!files.isEmpty() && !running);
    }

    private void showUploadError(String message) {
        uploadError.setText(message);
    }

    private void startImport() {
        UploadFolder current = folder;
        if (current == null || running) {
            return;
        }
        UI ui = UI.getCurrent();
        lines.clear();
        output.setText("");
        output.setVisible(true);
        summary.setText("");
        summary.getElement().removeAttribute("theme");
        rate.setText("Checking the files ...");
        rebuildStep.setText("");
        progress.setIndeterminate(true);
        progress.setVisible(true);
        try {
            imports.start(
                    source.getValue(),
                    current,
                    new ImportUploads.Options(
                            columns.getValue(),
                            dryRun.getValue(),
                            source.getValue().bulkPath() && bulk.getValue()),
                    watcher(ui));
        } catch (IllegalStateException refused) {
            progress.setVisible(false);
            rate.setText("");
            summary.setText(refused.getMessage());
            summary.getElement().setAttribute("theme", "badge error");
            return;
        }
        running = true;
        folder = null; // the import owns it now and deletes it when done
        source.setEnabled(false);
        bulk.setEnabled(false);
        upload.setVisible(false);
        start.setEnabled(false);
        ui.setPollInterval(POLL_MILLIS);
    }

    private ImportUploads.Watcher watcher(UI ui) {
        return new ImportUploads.Watcher() {
            @Override
            public void line(String line) {
                ui.access(() -> addLine(line));
            }

            @Override
            public void progress(ImportUploads.Progress step) {
                ui.access(() -> {
                    progress.setIndeterminate(false);
                    progress.setValue(step.fraction());
                    rate.setText(step.describe());
                });
            }

            @Override
            public void rebuilding(ImportUploads.Rebuilding rebuild) {
                ui.access(() -> {
                    progress.setIndeterminate(true); // steps differ much in length: moving, not a fraction
                    rebuildStep.setText(rebuild.describe());
                });
            }

            @Override
            public void finished(ImportUploads.Outcome outcome) {
                ui.access(() -> finish(ui, outcome));
            }
        };
    }

    private void addLine(String line) {
        lines.addLast(line);
        while (lines.size() > SHOWN_LINES) {
            lines.removeFirst();
        }
        output.setText(String.join("\n", lines));
    }

    private void finish(UI ui, ImportUploads.Outcome outcome) {
        running = false;
        ui.setPollInterval(-1);
        progress.setIndeterminate(false);
        progress.setValue(outcome.imported() ? 1.0 : progress.getValue());
        summary.setText(outcome.summary());
        summary.getElement().setAttribute("theme", outcome.imported() ? "badge success" : "badge error");
        if (outcome.imported() && !rebuildStep.getText().isEmpty()) {
            rebuildStep.setText("The reports of the imported days are rebuilt.");
        } // else the step it stopped at stays
        source.setEnabled(true);
        bulk.setEnabled(true);
        upload.setVisible(true);
        newFolder();
    }
}
