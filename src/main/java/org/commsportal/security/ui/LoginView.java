package org.commsportal.security.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.commsportal.security.SecurityConfiguration;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

@Route(value = SecurityConfiguration.LOGIN_PATH, autoLayout = false)
@PageTitle("Sign in | Comms Usage Portal")
@AnonymousAllowed
class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm login = new LoginForm();
    private final Paragraph signedOut = new Paragraph("You have signed out.");

    LoginView() {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        addClassName("login-view");

        login.setAction(SecurityConfiguration.LOGIN_PATH);
        login.setForgotPasswordButtonVisible(false);
        signedOut.setVisible(false);
        signedOut.setId("signed-out-message");

        add(new H1("Comms Usage Portal"), signedOut, login);
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
        } else if (failed && lastSignInFailure() instanceof DisabledException) {
            i18n.getErrorMessage().setTitle("Account disabled");
            i18n.getErrorMessage()
                    .setMessage("This account is disabled. Ask a global administrator of your organization.");
        }
        login.setI18n(i18n);
        login.setError(failed);
        signedOut.setVisible(parameters.containsKey("logout"));
    }

    /** Why the last sign-in of this browser session failed, as Spring Security left it in the HTTP session. */
    private static @Nullable Object lastSignInFailure() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? null : session.getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }
}
