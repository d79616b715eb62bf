package org.commsportal.security.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.commsportal.security.SecurityConfiguration;
import org.commsportal.security.SingleSignOn;

/**
 * Where a refused single sign-on lands: why the portal did not let the person in (no mapped role, a token that
 * failed the checks, a provider that cannot be reached), and the way back to the sign-in page.
 */
@Route(value = SingleSignOn.REFUSED_PATH, autoLayout = false)
@PageTitle("Sign-in refused | Comms Usage Portal")
@AnonymousAllowed
class SignInRefusedView extends VerticalLayout implements BeforeEnterObserver {

    private final Paragraph reason = new Paragraph();

    SignInRefusedView() {
        setId("sign-in-refused");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        setMaxWidth("40em");
        getStyle().set("margin", "0 auto");
        reason.setId("sign-in-refused-reason");
        var back = new Anchor(SecurityConfiguration.LOGIN_PATH, "Back to the sign-in page");
        back.setId("back-to-sign-in");
        add(new H1("Sign-in refused"), reason, back);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        VaadinSession session = VaadinSession.getCurrent();
        Object why = session == null ? null : session.getSession().getAttribute(SingleSignOn.REFUSAL);
        reason.setText(
                why instanceof String text
                        ? text
                        : "Single sign-on did not complete. Start again from the sign-in page.");
    }
}
