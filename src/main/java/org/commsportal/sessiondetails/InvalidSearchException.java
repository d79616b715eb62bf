package org.commsportal.sessiondetails;

import java.util.Map;

/** A search with missing or contradictory input; the messages say which field and why. */
public class InvalidSearchException extends IllegalArgumentException {

    private final Map<SearchForm.Field, String> errors;

    InvalidSearchException(Map<SearchForm.Field, String> errors) {
        super(String.join(" ", errors.values()));
        this.errors = Map.copyOf(errors);
    }

    public Map<SearchForm.Field, String> errors() {
        return errors;
    }
}
