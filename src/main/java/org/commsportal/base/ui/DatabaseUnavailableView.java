package org.commsportal.base.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import org.commsportal.database.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * A page that could not read the database (docs/operations.md, "Database outages"): while the database cannot be
 * reached, a 503 inside the layout saying so and that nothing was lost, instead of a generic error after a long wait;
 * any other database failure is a 500 that says as little, and is logged.
 */
@ParentLayout(MainLayout.class)
@PageTitle("Database unavailable | Comms Usage Portal")
@PermitAll
class DatabaseUnavailableView extends VerticalLayout implements HasErrorParameter<DataAccessException> {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableView.class);

    DatabaseUnavailableView() {
        setId("database-unavailable");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<DataAccessException> parameter) {
        return show(this, event, parameter.getCaughtException());
    }

    /** Fills the view for the failure and answers its status. */
    static int show(VerticalLayout view, BeforeEnterEvent event, Exception failure) {
        view.removeAll();
        if (DatabaseOutage.causedBy(failure)) {
            log.warn(
                    "Page {} not shown: the database cannot be reached ({})",
                    event.getLocation().getPath(),
                    failure.toString());
            view.add(
                    new H2("The database cannot be reached (503)"),
                    new Paragraph("The portal cannot read its data right now. Nothing you stored is lost; the portal "
                            + "reconnects by itself once the database is back. Try again in "
                            + DatabaseOutage.RETRY_AFTER_SECONDS + " seconds."));
            return HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        }
        log.error("Page {} failed", event.getLocation().getPath(), failure);
        view.add(
                new H2("Something went wrong (500)"),
                new Paragraph("The page could not be shown. The error was logged for the portal's administrators."));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
