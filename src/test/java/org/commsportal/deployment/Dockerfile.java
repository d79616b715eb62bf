package org.commsportal.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** docker/Dockerfile as a list of instructions (continuation lines joined, comments dropped), split into stages. */
record Dockerfile(List<List<String>> stages) {

    static final Path PATH = Path.of("docker", "Dockerfile");

    static Dockerfile load() throws IOException {
        List<List<String>> stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(PATH)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty() && pending.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            String instruction =
                    pending.append(trimmed).toString().replaceAll("\\s+", " ").strip();
            pending.setLength(0);
            if (instruction.startsWith("FROM ")) {
                stages.add(new ArrayList<>());
            }
            if (!instruction.isEmpty()) {
                stages.get(stages.size() - 1).add(instruction);
            }
        }
        return new Dockerfile(stages);
    }

    List<String> finalStage() {
        return stages.get(stages.size() - 1);
    }

    /** The arguments of the last instruction of this kind in the stage, e.g. "ENTRYPOINT". */
    static String last(List<String> stage, String keyword) {
        String found = null;
        for (String instruction : stage) {
            if (instruction.startsWith(keyword + " ")) {
                found = instruction.substring(keyword.length() + 1);
            }
        }
        if (found == null) {
            throw new AssertionError("no " + keyword + " in " + stage);
        }
        return found;
    }

    /** The final stage's ENTRYPOINT, an exec-form JSON array of plain strings. */
    List<String> entrypoint() {
        String json = last(finalStage(), "ENTRYPOINT").strip();
        if (!json.startsWith("[") || !json.endsWith("]")) {
            throw new AssertionError("ENTRYPOINT is not in exec form: " + json);
        }
        List<String> words = new ArrayList<>();
        for (String part : json.substring(1, json.length() - 1).split(",")) {
            String word = part.strip();
            words.add(word.substring(1, word.length() - 1));
        }
        return words;
    }
}
