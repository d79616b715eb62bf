package org.commsportal.base.ui;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import org.springframework.transaction.TransactionException;

/**
 * The same page as {@link DatabaseUnavailableView} for a read inside a transaction, which fails to begin (not to
 * query) when the database cannot be reached.
 */
@ParentLayout(MainLayout.class)
@PageTitle("Database unavailable | Comms Usage Portal")
@PermitAll
class TransactionUnavailableView extends VerticalLayout implements HasErrorParameter<TransactionException> {

    TransactionUnavailableView() {
        setId("database-unavailable");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<TransactionException> parameter) {
        return DatabaseUnavailableView.show(this, event, parameter.getCaughtException());
    }
}
