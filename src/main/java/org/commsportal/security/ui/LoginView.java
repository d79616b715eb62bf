package org.commsportal.security.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.List;
import org.commsportal.common.StartupLoad;
import org.commsportal.security.SecurityConfiguration;
import org.commsportal.security.SingleSignOn;
import org.commsportal.security.SsoOnlySignIn;
import org.commsportal.security.SsoSignInOption;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@Route(value = SecurityConfiguration.LOGIN_PATH, autoLayout = false)
@PageTitle("Sign in | Comms Usage Portal")
@AnonymousAllowed
class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final SingleSignOn singleSignOn;
    private final LoginForm login = new LoginForm();
    private final Paragraph signedOut = new Paragraph("You have signed out.");
    private final Div providerSignOut = new Div();

    LoginView(SingleSignOn singleSignOn, StartupLoad startupLoad) {
        this.singleSignOn = singleSignOn;
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        addClassName("login-view");

        login.setAction(SecurityConfiguration.LOGIN_PATH);
        login.setForgotPasswordButtonVisible(false);
        signedOut.setVisible(false);
        signedOut.setId("signed-out-message");

        providerSignOut.setId("provider-sign-out");
        providerSignOut.setVisible(false);

        add(new H1("Comms Usage Portal"), signedOut, providerSignOut);
        // the demo data of a first start arrives after the portal serves (docs/configuration.md, "Demo data")
        startupLoad.notice().ifPresent(notice -> {
            var loading = new Paragraph(notice + ": you can sign in now, the charts fill in as it arrives.");
            loading.setId("startup-load-notice");
            add(loading);
        });
        add(login);
        add(singleSignOnButtons());
    }

    /** "Sign in with …" for each organization's provider: a plain link, the browser leaves for the provider. */
    private Div singleSignOnButtons() {
        var buttons = new Div();
        buttons.setId("sso-sign-in");
        buttons.getStyle()
                .set("display", "flex")
                .set("flex-direction", "column")
                .set("gap", "var(--lumo-space-s)");
        for (SsoSignInOption option : singleSignOn.signInOptions()) {
            var link = new Anchor(option.path(), "Sign in with " + option.displayName());
            link.setId("sso-" + option.registrationId());
            link.setRouterIgnore(true);
            link.getElement().setAttribute("theme", "button");
            link.getStyle()
                    .set("display", "inline-block")
                    .set("padding", "var(--lumo-space-s) var(--lumo-space-l)")
                    .set("border", "1px solid var(--lumo-contrast-30pct)")
                    .set("border-radius", "var(--lumo-border-radius-m)")
                    .set("text-align", "center");
            buttons.add(link);
        }
        buttons.setVisible(buttons.getComponentCount() > 0);
        return buttons;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        boolean failed = parameters.containsKey("error");
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getErrorMessage().setTitle("Incorrect user name or password");
        i18n.getErrorMessage().setMessage("Check the user name and password and try again.");
        if (failed && lastSignInFailure() instanceof LockedException locked) {
            i18n.getErrorMessage().setTitle("Sign-in paused");
            i18n.getErrorMessage().setMessage(locked.getMessage());
        } else if (failed && lastSignInFailure() instanceof SsoOnlySignIn ssoOnly) {
            i18n.getErrorMessage().setTitle("Sign in with single sign-on");
            i18n.getErrorMessage().setMessage(ssoOnly.getMessage());
        } else if (failed && lastSignInFailure() instanceof DisabledException) {
            i18n.getErrorMessage().setTitle("Account disabled");
            i18n.getErrorMessage()
                    .setMessage("This account is disabled. Ask a global administrator of your organization.");
        }
        login.setI18n(i18n);
        login.setError(failed);
        signedOut.setVisible(parameters.containsKey("logout"));
        offerProviderSignOut(parameters.containsKey("logout") ? parameters.get("sso") : null);
    }

    /**
     * After signing out of a session that signed in with single sign-on: the portal session has ended, and the
     * provider's own session can be ended too, with its end-session endpoint.
     */
    private void offerProviderSignOut(@Nullable List<String> registrationIds) {
        providerSignOut.removeAll();
        providerSignOut.setVisible(false);
        if (registrationIds == null || registrationIds.isEmpty() || VaadinServletRequest.getCurrent() == null) {
            return;
        }
        String base = ServletUriComponentsBuilder.fromContextPath(
                        VaadinServletRequest.getCurrent().getHttpServletRequest())
                .replaceQuery(null)
                .build()
                .toUriString();
        singleSignOn.signOutOffer(registrationIds.get(0), base).ifPresent(offer -> {
            var link = new Anchor(offer.endSessionUrl(), "Sign out of " + offer.providerName() + " too");
            link.setId("provider-sign-out-link");
            link.setRouterIgnore(true);
            providerSignOut.add(
                    new Paragraph("You are still signed in at " + offer.providerName() + " in this browser."), link);
            providerSignOut.setVisible(true);
        });
    }

    /** Why the last sign-in of this browser session failed, as Spring Security left it in the HTTP session. */
    private static @Nullable Object lastSignInFailure() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? null : session.getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }
}
