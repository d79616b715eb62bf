package org.commsportal.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.commsportal.export.ExportFormat;
import org.jspecify.annotations.Nullable;

/**
 * "Export CSV" and "Export Excel" buttons that stream a table straight into the download, with a progress bar
 * following the rows written. What to export is captured when the button is clicked, in the UI thread, because
 * the download itself runs outside it.
 */
public final class StreamedExport extends HorizontalLayout {

    /** Writes every row of the export in a format and reports the rows written so far; returns the row count. */
    @FunctionalInterface
    public interface Writer {
        long write(ExportFormat format, OutputStream out, LongConsumer progress) throws IOException;
    }

    /** An export decided on click: its file name (without extension), how many rows to expect, and its writer. */
    public record Job(String fileName, long expectedRows, Writer writer) {
    }

    private final Supplier<@Nullable Job> onClick;
    private final ProgressBar progress = new ProgressBar();
    private volatile @Nullable Job pending;

    /** @param onClick decides the export; null means nothing to export yet */
    public StreamedExport(Supplier<@Nullable Job> onClick) {
        this.onClick = onClick;
        setAlignItems(Alignment.CENTER);
        progress.setId("export-progress");
        progress.setWidth("12em");
        progress.setVisible(false);
        add(button(ExportFormat.CSV), button(ExportFormat.XLSX), progress);
    }

    private Button button(ExportFormat format) {
        var anchor = new Anchor(handler(format), "");
        anchor.getElement().setAttribute("download", true);
        anchor.setId("export-" + format.fileExtension() + "-link");
        anchor.getStyle().set("display", "none");
        add(anchor);
        var button = new Button("Export " + (format == ExportFormat.CSV ? "CSV" : "Excel"), VaadinIcon.DOWNLOAD.create());
        button.setId("export-" + format.fileExtension());
        button.addClickListener(click -> {
            Job job = onClick.get();
            if (job == null) {
                return;
            }
            pending = job;
            progress.setValue(0);
            progress.setVisible(true);
            UI.getCurrent().setPollInterval(300);
            anchor.getElement().callJsFunction("click");
        });
        return button;
    }

    private DownloadHandler handler(ExportFormat format) {
        return event -> {
            UI ui = event.getUI();
            Job job = pending;
            if (job == null) {
                event.getResponse().setStatus(409);
                return;
            }
            event.setFileName(job.fileName() + "." + format.fileExtension());
            event.setContentType(format.contentType());
            try (OutputStream out = event.getOutputStream()) {
                long rows = job.writer().write(format, out, written -> ui.access(() -> progress.setValue(
                        job.expectedRows() == 0 ? 1 : Math.min(1, (double) written / job.expectedRows()))));
                ui.access(() -> finished(Notification.show("Exported " + rows + " rows."), null));
            } catch (Exception e) {
                ui.access(() -> finished(null, "The export failed: " + e.getClass().getSimpleName()
                        + ". Nothing more was written; try again."));
                throw e;
            }
        };
    }

    private void finished(@Nullable Notification done, @Nullable String error) {
        progress.setVisible(false);
        UI.getCurrent().setPollInterval(-1);
        if (error != null) {
            Notification.show(error, 8000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
        } else if (done != null) {
            done.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }
    }
}
