package org.commsportal.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * Every problem of an import counted, the first {@value #LISTED} kept, so that a file of millions of bad records
 * costs no more memory than one of a thousand.
 */
final class ImportProblems {

    static final int LISTED = 1_000;

    private final List<ImportProblem> listed = new ArrayList<>();
    private long count;

    void add(ImportProblem problem) {
        count++;
        if (listed.size() < LISTED) {
            listed.add(problem);
        }
    }

    long count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    List<ImportProblem> listed() {
        return List.copyOf(listed);
    }
}
