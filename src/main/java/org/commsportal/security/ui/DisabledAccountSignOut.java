package org.commsportal.security.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.commsportal.security.AccountService;
import org.commsportal.security.PortalUser;
import org.springframework.stereotype.Component;

/**
 * Ends the browser session of an account that a global administrator disabled after it signed in, at its next
 * navigation, instead of letting it work on until the session times out.
 */
@Component
class DisabledAccountSignOut implements VaadinServiceInitListener {

    private final AccountService accounts;
    private final AuthenticationContext authentication;

    DisabledAccountSignOut(AccountService accounts, AuthenticationContext authentication) {
        this.accounts = accounts;
        this.authentication = authentication;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource()
                .addUIInitListener(init -> init.getUI()
                        .addBeforeEnterListener(enter -> authentication
                                .getAuthenticatedUser(PortalUser.class)
                                .filter(user -> !accounts.stillEnabled(user.getUsername()))
                                .ifPresent(user -> authentication.logout())));
    }
}
