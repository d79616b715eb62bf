package org.commsportal.deployment;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml read as Docker Compose reads it: YAML, then {@code ${VAR}}, {@code ${VAR:-default}},
 * {@code ${VAR-default}}, {@code ${VAR:?error}} and {@code $$} interpolated from a given set of variables.
 */
final class ComposeFile {

    static final Path PATH = Path.of("docker", "compose.yaml");

    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    static ComposeFile load() throws IOException {
        try (Reader reader = Files.newBufferedReader(PATH)) {
            return new ComposeFile(new Yaml().load(reader));
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> service(String name) {
        Map<String, Object> services = (Map<String, Object>) root.get("services");
        Object service = services.get(name);
        if (service == null) {
            throw new AssertionError("compose.yaml has no service " + name + "; it has " + services.keySet());
        }
        return (Map<String, Object>) service;
    }

    /** A service's environment as written, before interpolation (accepts the map and the list form). */
    @SuppressWarnings("unchecked")
    Map<String, String> rawEnvironment(String service) {
        Object environment = service(service).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> result.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
        } else if (environment instanceof List<?> list) {
            for (Object entry : (List<Object>) list) {
                String[] pair = String.valueOf(entry).split("=", 2);
                result.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        return result;
    }

    /** A service's environment as the container would get it with these variables set. */
    Map<String, String> environment(String service, Map<String, String> variables) {
        Map<String, String> result = new LinkedHashMap<>();
        rawEnvironment(service).forEach((key, value) -> result.put(key, interpolate(value, variables)));
        return result;
    }

    static String interpolate(String text, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(m, variables)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String resolve(Matcher m, Map<String, String> variables) {
        if (m.group().equals("$$")) {
            return "$";
        }
        String value = variables.get(m.group(1));
        String operator = m.group(2);
        String argument = m.group(3);
        boolean missing =
                operator != null && operator.startsWith(":") ? value == null || value.isEmpty() : value == null;
        if (operator == null) {
            return value == null ? "" : value;
        }
        if (!missing) {
            return value;
        }
        if (operator.endsWith("?")) {
            throw new IllegalArgumentException("required variable " + m.group(1) + " is missing: " + argument);
        }
        return argument;
    }
}
