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
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.commsportal.security.SecurityConfiguration;

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

        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getErrorMessage().setTitle("Incorrect user name or password");
        i18n.getErrorMessage().setMessage("Check the user name and password and try again.");
        login.setI18n(i18n);
        login.setAction(SecurityConfiguration.LOGIN_PATH);
        login.setForgotPasswordButtonVisible(false);
        signedOut.setVisible(false);
        signedOut.setId("signed-out-message");

        add(new H1("Comms Usage Portal"), signedOut, login);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        login.setError(parameters.containsKey("error"));
        signedOut.setVisible(parameters.containsKey("logout"));
    }
}
