package org.commsportal.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.commsportal.export.ExportFormat;
import org.jspecify.annotations.Nullable;

/**
 * "Export CSV" and "Export Excel" buttons: a click captures what to export in the UI thread, then a hidden link
 * streams it as a download while a progress bar follows the rows written.
 */
public final class StreamedExports extends HorizontalLayout {

    /** Writes the rows to the output, reporting rows written so far; returns how many there were. */
    @FunctionalInterface
    public interface Body {
        long write(OutputStream out, LongConsumer progress) throws IOException;
    }

    /** One download: its file name, how many rows to expect (for the progress bar) and how to write it. */
    public record Download(String fileName, long expectedRows, Body body) {}

    private final ProgressBar progress = new ProgressBar();
    private volatile @Nullable Download pending;

    /**
     * @param prepare what a click on a format's button exports; null when there is nothing to export yet (it then
     *     says why itself)
     */
    public StreamedExports(Function<ExportFormat, @Nullable Download> prepare) {
        setAlignItems(FlexComponent.Alignment.CENTER);
        setPadding(false);
        progress.setId("export-progress");
        progress.setWidth("12em");
        progress.setVisible(false);
        add(button(ExportFormat.CSV, prepare), button(ExportFormat.XLSX, prepare), progress);
    }

    private Button button(ExportFormat format, Function<ExportFormat, @Nullable Download> prepare) {
        var anchor = new Anchor(handler(format), "");
        anchor.getElement().setAttribute("download", true);
        anchor.setId("export-" + format.fileExtension() + "-link");
        anchor.getStyle().set("display", "none");
        add(anchor);
        var button =
                new Button("Export " + (format == ExportFormat.CSV ? "CSV" : "Excel"), VaadinIcon.DOWNLOAD.create());
        button.setId("export-" + format.fileExtension());
        button.addClickListener(click -> {
            Download download = prepare.apply(format);
            if (download == null) {
                return;
            }
            pending = download;
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
            Download download = pending;
            if (download == null) {
                event.getResponse().setStatus(404);
                return;
            }
            event.setFileName(download.fileName());
            event.setContentType(format.contentType());
            try (OutputStream out = event.getOutputStream()) {
                long rows = download.body()
                        .write(
                                out,
                                written -> ui.access(() -> progress.setValue(
                                        download.expectedRows() == 0
                                                ? 1
                                                : Math.min(1, (double) written / download.expectedRows()))));
                ui.access(() -> finished(Notification.show("Exported " + rows + " rows."), null));
            } catch (Exception e) {
                ui.access(() -> finished(
                        null,
                        "The export failed: " + e.getClass().getSimpleName()
                                + ". Nothing more was written; try again."));
                throw e;
            }
        };
    }

    private void finished(@Nullable Notification done, @Nullable String error) {
        progress.setVisible(false);
        UI.getCurrent().setPollInterval(-1);
        if (error != null) {
            Notification.show(error, 8000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        } else if (done != null) {
            done.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }
    }
}
