package org.commsportal.locations;

import java.util.List;

/** A building file that was not imported, with every problem found, by line. Nothing of it was stored. */
public class BuildingFileRejected extends RuntimeException {

    private final List<FileProblem> problems;

    public BuildingFileRejected(List<FileProblem> problems) {
        super(problems.size() + " problem(s) in the building file; nothing was imported");
        this.problems = List.copyOf(problems);
    }

    public List<FileProblem> problems() {
        return problems;
    }
}
