package org.commsportal.privacy;

import java.util.function.UnaryOperator;

/**
 * How one viewer sees user names, decided once per report or export rather than per cell: either the real
 * names or the tenant's pseudonyms.
 */
public final class NameMask {

    private final boolean concealed;
    private final UnaryOperator<String> pseudonym;

    NameMask(boolean concealed, UnaryOperator<String> pseudonym) {
        this.concealed = concealed;
        this.pseudonym = pseudonym;
    }

    public boolean concealed() {
        return concealed;
    }

    /** The name to show for a licensed user's name, UPN or URI. */
    public String userName(String realName) {
        return concealed ? pseudonym.apply(realName) : realName;
    }
}
