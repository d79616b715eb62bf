package org.commsportal.locations;

/** What is wrong with a building file, at a line (0 for the file as a whole). */
public record FileProblem(int line, String message) {

    @Override
    public String toString() {
        return line == 0 ? message : "Line " + line + ": " + message;
    }
}
