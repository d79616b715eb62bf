package org.commsportal.common;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The table that groups a client's user agent by product and version (docs/call-quality.md, "Client versions"): the
 * first rule with a token that the folded agent contains names the product, and the first number after the rule's
 * anchor (the token, unless the rule names one) gives its version, with one or two parts and a suffix, e.g.
 * {@code UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)} is {@code Skype for Business 2016 16.0.x}. An
 * agent no rule knows is {@link #OTHER}; none at all (empty) stays empty. Folding lower-cases A-Z and turns every
 * character outside ASCII into {@code ?}, exactly as MariaDB's {@code LOWER(CONVERT(v USING ascii))} does, so that
 * {@link #sql} (the SQL twin, over a stored agent column) groups alike for every string.
 */
public final class ClientVersions {

    /** The group of every agent no rule knows. */
    public static final String OTHER = "Other";

    /**
     * One rule: the product's name, the tokens any of which selects it, the text after which the version is read
     * (null: the token that matched), the version's parts (1: {@code 16}, 2: {@code 16.0}) and what follows it.
     */
    public record Rule(
            String product, List<String> tokens, @Nullable String anchor, int parts, String suffix) {
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
            String after = anchor != null
                    ? anchor
                    : tokens.stream().filter(folded::contains).findFirst().orElseThrow();
            int at = folded.indexOf(after);
            Matcher number =
                    (parts == 1 ? ONE_PART : TWO_PARTS).matcher(at < 0 ? "" : folded.substring(at + after.length()));
            return number.find() ? product + " " + number.group() + suffix : product;
        }
    }

    private static final Pattern ONE_PART = Pattern.compile("[0-9]+");
    private static final Pattern TWO_PARTS = Pattern.compile("[0-9]+([.][0-9]+)?");

    /** The rules in the order they are tried (docs/call-quality.md shows this table). */
    public static final List<Rule> RULES = List.of(
            new Rule("Teams", List.of("teams"), null, 2, ""),
            new Rule(
                    "Conferencing or mediation server",
                    List.of("conferencing", "mediation server", "rtcc/"),
                    null,
                    0,
                    ""),
            new Rule("Windows Phone", List.of("wplync", "wpsfb", "windows phone"), null, 2, ""),
            new Rule("iPad", List.of("ipad"), null, 2, ""),
            new Rule("iPhone", List.of("iphone"), null, 2, ""),
            new Rule("Android", List.of("android"), null, 2, ""),
            new Rule("Mac", List.of("sfbmac", "macsfb", "maclync", "for mac", "mac os", "macos"), null, 1, ".x"),
            new Rule("Web App", List.of("lwa/", "swa/", "web app", "webapp"), null, 2, ""),
            new Rule("Skype for Business 2016", List.of("oc/16."), "oc/", 2, ".x"),
            new Rule("Lync 2013", List.of("oc/15."), "oc/", 2, ".x"),
            new Rule("Lync 2010", List.of("oc/4."), "oc/", 2, ".x"),
            new Rule("Skype for Business or Lync", List.of("oc/"), null, 2, ".x"),
            new Rule("IP phone", List.of("cpe/", "lpe/"), null, 2, ""));

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
        var sql = new StringBuilder("CONVERT(CASE WHEN COALESCE(" + column + ", '') = '' THEN ''");
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
        // the anchor: the rule's own, else the first of its tokens the agent contains
        String anchor;
        if (rule.anchor() != null) {
            anchor = "'" + rule.anchor() + "'";
        } else if (rule.tokens().size() == 1) {
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
