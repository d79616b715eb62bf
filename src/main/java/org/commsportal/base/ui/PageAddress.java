package org.commsportal.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A report page's view in its address (docs/pages.md#links): the page writes its state as query parameters, without
 * a new history entry, whenever the viewer changes it, and reads them when it opens. A parameter that is not valid is
 * left out and named in one message; the rest of the link still applies, and nothing is an error page.
 */
public final class PageAddress {

    private static final int SHOWN_VALUE_LENGTH = 40;

    private final String route;
    private String currentQuery = "";
    private boolean restoring;

    /** Saves the view under a name; the reason it could not, if it could not. */
    @FunctionalInterface
    public interface ViewSaver {
        Optional<String> save(String route, String query, String name, boolean shared);
    }

    public PageAddress(String route) {
        this.route = route;
    }

    /** A page's reading of its link parameters: applies those it knows, names the invalid ones in the list. */
    @FunctionalInterface
    public interface Restorer {
        void restore(Map<String, List<String>> parameters, List<String> problems);
    }

    /**
     * Opens the view a link describes: applies the parameters with writes to the address paused (each restored
     * control would write its half-restored state), then runs {@code afterwards}, which writes the whole state once,
     * and names in one message what was left out.
     */
    public void restore(QueryParameters parameters, Restorer restorer, Runnable afterwards) {
        List<String> problems = new ArrayList<>();
        restoring = true;
        try {
            restorer.restore(parameters.getParameters(), problems);
        } finally {
            restoring = false;
        }
        afterwards.run();
        tell(problems);
    }

    /** Writes the state into the address; the caller leaves parameters at their defaults out. */
    public void write(Map<String, String> state) {
        UI ui = UI.getCurrent();
        if (ui == null || restoring) {
            return;
        }
        QueryParameters query = QueryParameters.simple(state);
        currentQuery = query.getQueryString();
        ui.getPage().getHistory().replaceState(null, new Location(route, query));
    }

    /** The parameter's value when given; a repeated parameter counts as its first value. */
    public static Optional<String> single(Map<String, List<String>> values, String name) {
        List<String> given = values.getOrDefault(name, List.of());
        return given.isEmpty() ? Optional.empty() : Optional.of(given.get(0));
    }

    /** A value quoted for a message, cut short: links can carry anything. */
    public static String shown(String value) {
        String cut = value.length() > SHOWN_VALUE_LENGTH ? value.substring(0, SHOWN_VALUE_LENGTH) + "…" : value;
        return "\"" + cut + "\"";
    }

    /** Names, in one message, the parts of a link that were left out. */
    public static void tell(List<String> problems) {
        if (!problems.isEmpty()) {
            Notification.show(
                    "This link's " + String.join("; ", problems) + ". That part was left out.",
                    8000,
                    Notification.Position.BOTTOM_START);
        }
    }

    /**
     * "Save view": names the view as it is now, private or shared within the tenant; the Usage overview lists it
     * (docs/pages.md, "Saved views").
     */
    public Button saveButton(ViewSaver saver) {
        var save = new Button("Save view", VaadinIcon.BOOKMARK.create());
        save.setId("save-view");
        save.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        save.addClickListener(click -> {
            var dialog = new Dialog();
            dialog.setId("save-view-dialog");
            dialog.setHeaderTitle("Save this view");
            var name = new TextField("Name");
            name.setId("saved-view-name");
            name.setMaxLength(200); // longer names get the service's own message
            name.setWidthFull();
            var shared = new Checkbox("Share with the other accounts of the organization");
            shared.setId("saved-view-shared");
            dialog.add(new VerticalLayout(name, shared));
            var cancel = new Button("Cancel", event -> dialog.close());
            var confirm = new Button(
                    "Save",
                    event -> saver.save(route, currentQuery, name.getValue(), shared.getValue())
                            .ifPresentOrElse(
                                    problem -> {
                                        name.setInvalid(true);
                                        name.setErrorMessage(problem);
                                    },
                                    () -> {
                                        dialog.close();
                                        Notification.show(
                                                "Saved: the Usage overview lists it.",
                                                4000,
                                                Notification.Position.BOTTOM_START);
                                    }));
            confirm.setId("confirm-save-view");
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            dialog.getFooter().add(cancel, confirm);
            dialog.open();
            name.focus();
        });
        return save;
    }

    /** "Copy link": puts the page's address, which holds its state, on the clipboard. */
    public static Button copyButton() {
        var copy = new Button("Copy link", VaadinIcon.LINK.create());
        copy.setId("copy-link");
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        // in the browser, inside the click: the clipboard needs the viewer's gesture, which a round trip would lose
        copy.getElement().executeJs("""
                const button = this;
                button.addEventListener('click', () => {
                  const url = window.location.href;
                  const done = ok => button.dispatchEvent(new CustomEvent('link-copied', {detail: {ok: ok}}));
                  const fallback = () => {
                    const area = document.createElement('textarea');
                    area.value = url;
                    area.setAttribute('readonly', '');
                    area.style.position = 'fixed';
                    area.style.opacity = '0';
                    document.body.appendChild(area);
                    area.select();
                    let ok = false;
                    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
                    area.remove();
                    return ok;
                  };
                  if (navigator.clipboard && window.isSecureContext) {
                    navigator.clipboard.writeText(url).then(() => done(true), () => done(fallback()));
                  } else {
                    done(fallback());
                  }
                });
                """);
        copy.getElement()
                .addEventListener(
                        "link-copied",
                        event -> Notification.show(
                                event.getEventData().getBoolean("event.detail.ok")
                                        ? "Link copied: it opens this view as the opener's roles allow."
                                        : "The browser did not allow copying: copy the address from the address bar.",
                                5000,
                                Notification.Position.BOTTOM_START))
                .addEventData("event.detail.ok");
        return copy;
    }
}
