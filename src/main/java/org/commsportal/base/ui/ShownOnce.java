package org.commsportal.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;

/** A dialog that shows a new secret (API token, ingestion key) the one time it exists in clear. */
public final class ShownOnce {

    private ShownOnce() {}

    /**
     * Opens the dialog; the value's field gets id {@code idPrefix}, its copy button {@code copy-<idPrefix>} and its
     * close button {@code close-<idPrefix>}. The copy runs in the browser within the click, as the clipboard
     * requires; the secret never goes anywhere else.
     */
    public static void open(String title, String secret, String idPrefix) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(title);
        var value = new TextField("Copy it now: it is not shown again");
        value.setId(idPrefix);
        value.setValue(secret);
        value.setReadOnly(true);
        value.setWidth("40em");
        var copy = new Button("Copy", VaadinIcon.COPY.create());
        copy.setId("copy-" + idPrefix);
        copy.setAriaLabel("Copy to the clipboard");
        copy.getElement().executeJs("""
                const secret = $0;
                this.addEventListener('click', () => {
                    const fallback = () => {
                        const input = document.getElementById($1).inputElement;
                        input.select();
                        document.execCommand('copy');
                    };
                    if (navigator.clipboard && window.isSecureContext) {
                        navigator.clipboard.writeText(secret).catch(fallback);
                    } else {
                        fallback();
                    }
                });
                """, secret, idPrefix);
        copy.addClickListener(click -> copy.setText("Copied"));
        var row = new HorizontalLayout(value, copy);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        dialog.add(row);
        var done = new Button("Done", click -> dialog.close());
        done.setId("close-" + idPrefix);
        dialog.getFooter().add(done);
        dialog.open();
    }
}
