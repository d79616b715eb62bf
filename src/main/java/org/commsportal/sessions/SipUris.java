package org.commsportal.sessions;

import java.util.Locale;

/** Reads the user principal name out of a SIP URI: {@code sip:Alice@Contoso.example;gruu} is {@code alice@contoso.example}. */
public final class SipUris {

    private SipUris() {}

    public static String upn(String uri) {
        String value = uri.strip();
        if (value.regionMatches(true, 0, "sip:", 0, 4)) {
            value = value.substring(4);
        }
        int parameters = value.indexOf(';');
        if (parameters >= 0) {
            value = value.substring(0, parameters);
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
