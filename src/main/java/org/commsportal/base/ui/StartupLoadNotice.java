package org.commsportal.base.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.shared.Registration;
import org.commsportal.common.StartupLoad;
import org.jspecify.annotations.Nullable;

/**
 * "Demo data loading, 42 %" in the navigation bar while a start-up load runs (docs/configuration.md, "Demo data"):
 * the page polls every few seconds to move the figure on, and stops polling and hides the notice when it ends.
 */
final class StartupLoadNotice extends Span {

    private static final int POLL_MILLIS = 3000;

    private final StartupLoad load;
    private @Nullable Registration polling;

    StartupLoadNotice(StartupLoad load) {
        this.load = load;
        setId("startup-load-notice");
        getElement().getThemeList().add("badge");
        getElement().setAttribute("role", "status");
        getElement().setAttribute("title", "Figures fill in as the data arrives; reload a page to see more");
        refresh();
    }

    private boolean refresh() {
        var notice = load.notice();
        notice.ifPresent(this::setText);
        setVisible(notice.isPresent());
        return notice.isPresent();
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        if (!isVisible()) {
            return;
        }
        UI ui = attach.getUI();
        ui.setPollInterval(POLL_MILLIS);
        polling = ui.addPollListener(poll -> {
            if (!refresh()) {
                stopPolling(ui);
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        stopPolling(detach.getUI());
    }

    private void stopPolling(UI ui) {
        if (polling != null) {
            polling.remove();
            polling = null;
            ui.setPollInterval(-1);
        }
    }
}
