package org.commsportal.security;

import java.io.Serial;
import org.springframework.security.authentication.AccountStatusException;

/**
 * A correct password refused because the account's tenant signs in with single sign-on only and the account is not
 * one of its named local exceptions (docs/operations.md, "Single sign-on with OpenID Connect").
 */
public final class SsoOnlySignIn extends AccountStatusException {

    @Serial
    private static final long serialVersionUID = 1L;

    SsoOnlySignIn(String providerName) {
        super("Your organization signs in to the portal with " + providerName + " only. Use the \"Sign in with "
                + providerName + "\" button.");
    }
}
