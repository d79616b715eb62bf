package org.commsportal.deviceusage;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The table that derives a party's client platform from its client version (the SIP user agent its client sent,
 * docs/device-usage.md): the first rule with a token that the folded client version contains decides. Folding
 * lower-cases A-Z and turns every character outside ASCII into {@code ?}, exactly as MariaDB's
 * {@code LOWER(CONVERT(v USING ascii))} does, so that {@link #SQL_PLATFORM} (the SQL twin, used by changeset 017 and
 * by the read model's check) decides alike for every string. Server agents (a conference focus, a mediation server)
 * are no user's device: they give no platform at all. Anything else unrecognised, an absent client version
 * included, is {@link Platform#OTHER}.
 */
public final class ClientPlatforms {

    /** One rule: the platform (null for a server's agent, which counts for no platform), its tokens, an example. */
    public record Rule(@Nullable Platform platform, List<String> tokens, String example) {
        public Rule {
            for (String token : tokens) {
                if (!token.matches("[a-z0-9 ./()_-]+")) {
                    throw new IllegalArgumentException("A token is folded ASCII without quotes: " + token);
                }
            }
        }
    }

    /** The rules in the order they are tried (docs/device-usage.md shows this table). */
    public static final List<Rule> RULES = List.of(
            new Rule(
                    null,
                    List.of("conferencing server", "mediation server", "rtcc/"),
                    "RTCC/7.0.0.0 AVMCU; Conferencing Server; Mediation Server"),
            new Rule(
                    Platform.WINDOWS_PHONE,
                    List.of("windows phone", "wplync", "wpsfb"),
                    "UCWA/5.0.0.0 WPLync/5.4.1087.0 (Windows Phone 8.0)"),
            new Rule(Platform.IPAD, List.of("ipad"), "UCCAPI/6.16.0.0 iOS 11.2 (iPad)"),
            new Rule(
                    Platform.IPHONE,
                    List.of("iphone", " ios", "(ios", "ios/"),
                    "UCWA/6.0.0.0 iPhoneLync/6.0.0.0 (iPhone iOS 8.1)"),
            new Rule(Platform.ANDROID_PHONE, List.of("android"), "UCCAPI/6.16.0.0 Android 7.0 (Skype for Business)"),
            new Rule(
                    Platform.WEB,
                    List.of("web app", "webapp", "lwa/", "swa/", "web/", "browser"),
                    "LWA/16.0.0.0 (Skype for Business Web App)"),
            new Rule(
                    Platform.MAC,
                    List.of("mac os", "macos", "sfbmac", "macsfb", "maclync", "for mac", "(mac"),
                    "SfBMac/16.24.0.0 (Skype for Business for Mac)"),
            new Rule(
                    Platform.WINDOWS,
                    List.of("windows", "oc/", "uccapi/", "(skype for business)", "(microsoft lync", "communicator"),
                    "UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)"));

    /**
     * The SQL twin of {@link #platformOf}: the platform code of a column {@code folded} holding
     * {@code LOWER(CONVERT(COALESCE(client_version, '') USING ascii))}, NULL for a server's agent.
     */
    public static final String SQL_PLATFORM = sqlPlatform();

    private ClientPlatforms() {}

    /**
     * Whether a party with this client version counts for a platform at all: not when it is a server's agent (the
     * conference focus or a mediation server speaking for the party).
     */
    public static boolean isClient(@Nullable String clientVersion) {
        Rule rule = rule(clientVersion);
        return rule == null || rule.platform() != null;
    }

    /** The platform of a client's version; {@link Platform#OTHER} for unknown and absent ones and for servers. */
    public static Platform platformOf(@Nullable String clientVersion) {
        Rule rule = rule(clientVersion);
        return rule == null || rule.platform() == null ? Platform.OTHER : rule.platform();
    }

    private static @Nullable Rule rule(@Nullable String clientVersion) {
        String folded = fold(clientVersion == null ? "" : clientVersion);
        for (Rule rule : RULES) {
            for (String token : rule.tokens()) {
                if (folded.contains(token)) {
                    return rule;
                }
            }
        }
        return null;
    }

    /** ASCII A-Z lower-cased, every other character outside ASCII as {@code ?}: MariaDB's fold above. */
    static String fold(String text) {
        var folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c < 128 ? c : '?');
        }
        return folded.toString();
    }

    private static String sqlPlatform() {
        var sql = new StringBuilder("CASE");
        for (Rule rule : RULES) {
            sql.append("\n WHEN ")
                    .append(rule.tokens().stream()
                            .map(token -> "INSTR(folded, '" + token + "') > 0")
                            .collect(Collectors.joining(" OR ")))
                    .append(" THEN ")
                    .append(
                            rule.platform() == null
                                    ? "NULL"
                                    : String.valueOf(rule.platform().code()));
        }
        return sql.append("\n ELSE ")
                .append(Platform.OTHER.code())
                .append(" END")
                .toString();
    }
}
