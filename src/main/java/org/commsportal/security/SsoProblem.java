package org.commsportal.security;

/** A refused single sign-on setting, with the form field it concerns and a message for the administrator. */
public class SsoProblem extends IllegalArgumentException {

    public enum Field {
        DISPLAY_NAME,
        ISSUER,
        CLIENT_ID,
        CLIENT_SECRET,
        SCOPES,
        ROLES_CLAIM,
        MAPPINGS,
        SSO_ONLY,
        KEY
    }

    private final Field field;

    public SsoProblem(Field field, String message) {
        super(message);
        this.field = field;
    }

    public Field field() {
        return field;
    }
}
