package org.commsportal.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;

/**
 * Asks before an action that cannot be taken back or that locks someone out (revoking a token or an ingestion key,
 * disabling an account): nothing happens until the confirm button is clicked.
 */
public final class Confirm {

    private Confirm() {}

    /**
     * Opens the question; the dialog gets id {@code <id>-dialog}, its text {@code <id>-question}, its buttons
     * {@code confirm-<id>} and {@code cancel-<id>}.
     */
    public static void ask(String id, String title, String question, String confirmLabel, Runnable action) {
        var dialog = new Dialog();
        dialog.setId(id + "-dialog");
        dialog.setHeaderTitle(title);
        var text = new Paragraph(question);
        text.setId(id + "-question");
        dialog.add(text);
        var cancel = new Button("Cancel", click -> dialog.close());
        cancel.setId("cancel-" + id);
        var confirm = new Button(confirmLabel, click -> {
            dialog.close();
            action.run();
        });
        confirm.setId("confirm-" + id);
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(cancel, confirm);
        dialog.open();
        cancel.focus(); // Enter on the opened question does not confirm it
    }
}
