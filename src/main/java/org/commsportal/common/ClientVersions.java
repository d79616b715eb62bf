package org.commsportal.common;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The table that groups a client's user agent by product and version (docs/call-quality.md, "Client versions"): the
 * first rule with a token that the folded agent contains names the group: its product and, when the rule reads one,
 * the first number after the first of its tokens the agent contains, with one or two parts and a suffix; e.g.
 * {@code SfBMac/16.24.0.0} is {@code Mac 16.x} and {@code UCWA/6.0.0.0 iPhoneLync/6.22.0.0} is {@code iPhone 6.22}. An
 * agent no rule knows is {@link #OTHER}; none at all (empty) stays empty. Folding lower-cases A-Z and turns every
 * character outside ASCII into {@code ?}, exactly as MariaDB's {@code LOWER(CONVERT(v USING ascii))} does, so that
 * {@link #sql} (the SQL twin, over a stored agent column) groups alike for every string.
 */
public final class ClientVersions {

    /** The group of every agent no rule knows. */
    public static final String OTHER = "Other";

    /**
     * One rule: the group's name, the tokens any of which selects it, the version's parts read after the first token
     * the agent contains (0: none, the name is the group; 1: {@code 16}; 2: {@code 16.0}) and what follows them.
     */
    public record Rule(String product, List<String> tokens, int parts, String suffix) {
        public Rule {
            for (String token : tokens) {
                if (!token.matches("[a-z0-9 ./()_-]+")) {
                    throw new IllegalArgumentException("A token is folded ASCII without quotes: " + token);
                }
            }
            if (parts < 0 || parts > 2) {
                throw new IllegalArgumentException("A version has no, one or two parts");
            }
        }

        /** The rule's group of a folded agent that contains one of its tokens. */
        String group(String folded) {
            if (parts == 0) {
                return product;
            }
            String after = tokens.stream().filter(folded::contains).findFirst().orElseThrow();
            Matcher number = (parts == 1 ? ONE_PART : TWO_PARTS)
                    .matcher(folded.substring(folded.indexOf(after) + after.length()));
            return number.find() ? product + " " + number.group() + suffix : product;
        }
    }

    private static final Pattern ONE_PART = Pattern.compile("[0-9]+");
    private static final Pattern TWO_PARTS = Pattern.compile("[0-9]+([.][0-9]+)?");

    /** The rules in the order they are tried (docs/call-quality.md shows this table). */
    public static final List<Rule> RULES = List.of(
            new Rule("Teams", List.of("teams"), 2, ""),
            new Rule("Conferencing or mediation server", List.of("conferencing", "mediation server", "rtcc/"), 0, ""),
            new Rule("Windows Phone", List.of("wplync", "wpsfb", "windows phone"), 2, ""),
            new Rule("iPad", List.of("ipad"), 2, ""),
            new Rule("iPhone", List.of("iphone", " ios", "(ios", "ios/"), 2, ""),
            new Rule("Android", List.of("android"), 2, ""),
            new Rule("Mac", List.of("sfbmac", "macsfb", "maclync", "for mac", "mac os", "macos"), 1, ".x"),
            new Rule("Web App", List.of("lwa/", "swa/", "web app", "webapp", "web/", "browser"), 2, ""),
            new Rule("Skype for Business 2016 16.0.x", List.of("oc/16.0", "uccapi/16.0"), 0, ""),
            new Rule("Lync 2013 15.0.x", List.of("oc/15.0", "uccapi/15.0"), 0, ""),
            new Rule("Lync 2010 4.0.x", List.of("oc/4.0", "uccapi/4.0"), 0, ""),
            new Rule("Skype for Business or Lync", List.of("oc/", "uccapi/"), 2, ".x"),
            new Rule("IP phone", List.of("cpe/", "lpe/"), 2, ""));

    private ClientVersions() {}

    /** The group of a stored agent: its product and version, {@link #OTHER}, or empty for none. */
    public static String groupOf(@Nullable String agent) {
        if (agent == null || agent.isEmpty()) {
            return "";
        }
        String folded = fold(agent);
        for (Rule rule : RULES) {
            for (String token : rule.tokens()) {
                if (folded.contains(token)) {
                    return rule.group(folded);
                }
            }
        }
        return OTHER;
    }

    /** ASCII A-Z lower-cased, every code point outside ASCII as {@code ?}: MariaDB's fold above. */
    public static String fold(String text) {
        var folded = new StringBuilder(text.length());
        text.codePoints()
                .forEach(
                        c -> folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c < 128 ? (char) c : '?'));
        return folded.toString();
    }

    /**
     * The SQL twin of {@link #groupOf} over a column (or expression) of stored agents: the group as utf8mb4 text in
     * the unicode collation, comparable with the stored split values.
     */
    public static String sql(String column) {
        String folded = "LOWER(CONVERT(" + column + " USING ascii))";
        var sql = new StringBuilder("CONVERT(CASE WHEN CHAR_LENGTH(COALESCE(" + column + ", '')) = 0 THEN ''");
        for (Rule rule : RULES) {
            sql.append(" WHEN ")
                    .append(rule.tokens().stream()
                            .map(token -> "INSTR(" + folded + ", '" + token + "') > 0")
                            .collect(Collectors.joining(" OR ")))
                    .append(" THEN ")
                    .append(sqlGroup(rule, folded));
        }
        return sql.append(" ELSE '")
                .append(OTHER)
                .append("' END USING utf8mb4) COLLATE utf8mb4_unicode_ci")
                .toString();
    }

    private static String sqlGroup(Rule rule, String folded) {
        if (rule.parts() == 0) {
            return "'" + rule.product() + "'";
        }
        // the version follows the first of the rule's tokens the agent contains
        String anchor;
        if (rule.tokens().size() == 1) {
            anchor = "'" + rule.tokens().get(0) + "'";
        } else {
            anchor = "CASE"
                    + rule.tokens().stream()
                            .map(token -> " WHEN INSTR(" + folded + ", '" + token + "') > 0 THEN '" + token + "'")
                            .collect(Collectors.joining())
                    + " END";
        }
        String version = "REGEXP_SUBSTR(SUBSTRING(" + folded + ", INSTR(" + folded + ", " + anchor + ") + CHAR_LENGTH("
                + anchor + ")), '" + (rule.parts() == 1 ? ONE_PART : TWO_PARTS).pattern() + "')";
        return "IF(INSTR(" + folded + ", " + anchor + ") = 0 OR " + version + " = '', '" + rule.product()
                + "', CONCAT('" + rule.product() + " ', " + version + ", '" + rule.suffix() + "'))";
    }
}
