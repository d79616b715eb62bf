package org.commsportal.pstn;

import java.util.List;

/**
 * A rate table that was refused, with every problem found (a line of a file, or 0 for the whole table); nothing of
 * it was written.
 */
public class PstnRateProblems extends IllegalArgumentException {

    /** One problem: the line of the file (0 when it concerns the table as a whole, or a row of the editor). */
    public record Problem(int line, String message) {
        @Override
        public String toString() {
            return line == 0 ? message : "Line " + line + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public PstnRateProblems(List<Problem> problems) {
        super("The rate table was not saved: "
                + String.join("; ", problems.stream().map(Problem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
