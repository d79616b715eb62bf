package org.commsportal.security;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID Connect provider for the tests (mock-oauth2-server on a free loopback port): every issuer id is an
 * issuer of its own, with its own signing keys. The next token an issuer issues carries the claims queued for it.
 */
public final class OidcProvider {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static MockOAuth2Server server;

    private OidcProvider() {}

    public static synchronized MockOAuth2Server server() {
        if (server == null) {
            server = new MockOAuth2Server();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        }
        return server;
    }

    /** A new issuer id, unique in the test run. */
    public static String newIssuerId(String label) {
        return label + "-" + SEQUENCE.incrementAndGet();
    }

    public static String issuer(String issuerId) {
        return server().issuerUrl(issuerId).toString();
    }

    /** The next sign-in at the issuer is of this subject, with these claims (e.g. groups, or a forged iss or aud). */
    public static void nextSignIn(String issuerId, String subject, Map<String, Object> claims) {
        server().enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", null, claims, 3600));
    }

    public static Map<String, Object> person(String preferredUsername, String name, List<String> groups) {
        return Map.of("preferred_username", preferredUsername, "name", name, "groups", groups);
    }
}
