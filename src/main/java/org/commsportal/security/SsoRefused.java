package org.commsportal.security;

import java.io.Serial;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** A single sign-on the portal refused after the provider's answer passed its checks; already audited. */
final class SsoRefused extends OAuth2AuthenticationException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** What the person who tried to sign in reads on the refusal page. */
    private final String explanation;

    SsoRefused(String code, String explanation) {
        super(new OAuth2Error(code), explanation);
        this.explanation = explanation;
    }

    String explanation() {
        return explanation;
    }
}
