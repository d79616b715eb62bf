package org.commsportal.base.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import java.time.format.DateTimeFormatter;
import org.commsportal.sessions.BulkImportStatus;

/**
 * The notice in the navigation bar of the usage and quality pages while a bulk import of the tenant runs: the figures
 * are exact up to the day before the first imported day, the later days are rebuilt when the import finishes
 * (docs/ingest.md, "Bulk imports"). Read at each navigation; a page opened meanwhile shows it until reloaded.
 */
class ImportInProgressBanner extends Span implements AfterNavigationObserver {

    private final BulkImportStatus status;

    ImportInProgressBanner(BulkImportStatus status) {
        this.status = status;
        setId("import-in-progress");
        getElement().getThemeList().add("badge contrast");
        setVisible(false);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        String path = event.getLocation().getPath();
        boolean report = path.equals("usage")
                || path.startsWith(MainLayout.USAGE_PREFIX)
                || path.equals("quality")
                || path.startsWith("quality/");
        var running = report ? status.current() : java.util.Optional.<BulkImportStatus.InProgress>empty();
        setVisible(running.isPresent());
        running.ifPresent(importing -> setText(
                importing.figuresUpTo() == null
                        ? "Import in progress"
                        : "Import in progress, figures up to "
                                + DateTimeFormatter.ISO_LOCAL_DATE.format(importing.figuresUpTo()) + " (UTC)"));
    }
}
