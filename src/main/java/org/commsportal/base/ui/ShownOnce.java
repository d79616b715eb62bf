package org.commsportal.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;

/** A dialog that shows a new secret (API token, ingestion key) the one time it exists in clear. */
public final class ShownOnce {

    private ShownOnce() {
    }

    /** Opens the dialog; the value's field gets id {@code idPrefix}, its close button {@code close-<idPrefix>}. */
    public static void open(String title, String secret, String idPrefix) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(title);
        var value = new TextField("Copy it now: it is not shown again");
        value.setId(idPrefix);
        value.setValue(secret);
        value.setReadOnly(true);
        value.setWidth("40em");
        dialog.add(value);
        var done = new Button("Done", click -> dialog.close());
        done.setId("close-" + idPrefix);
        dialog.getFooter().add(done);
        dialog.open();
    }
}
