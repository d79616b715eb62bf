package org.commsportal.security;

/** A refused account change, with the form field it concerns and a message for the person who made it. */
public class AccountProblem extends IllegalArgumentException {

    public enum Field {
        USERNAME,
        DISPLAY_NAME,
        PASSWORD,
        CURRENT_PASSWORD,
        ROLES,
        TIME_ZONE,
        ACCOUNT,
        TOKEN
    }

    private final Field field;

    public AccountProblem(Field field, String message) {
        super(message);
        this.field = field;
    }

    public Field field() {
        return field;
    }
}
