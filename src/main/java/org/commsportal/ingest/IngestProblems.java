package org.commsportal.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems of a request or file: every one counted, the first {@value #LISTED} kept to be shown, so that a body
 * of millions of bad records costs no more memory than one of a thousand (docs/ingest.md, "Requests").
 */
public final class IngestProblems {

    static final int LISTED = 1_000;

    private final List<IngestProblem> listed = new ArrayList<>();
    private long count;
    private long records;
    private long lastIndex = -1;

    /** Records are read in order, so a record's problems are added one after the other. */
    void add(IngestProblem problem) {
        count++;
        if (problem.index() != lastIndex) {
            records++;
            lastIndex = problem.index();
        }
        if (listed.size() < LISTED) {
            listed.add(problem);
        }
    }

    public void add(long index, String field, String reason) {
        add(new IngestProblem(index, field, reason));
    }

    /** Every problem found so far, listed or not. */
    public long count() {
        return count;
    }

    /** Records with at least one problem. */
    long records() {
        return records;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The first {@value #LISTED} problems. */
    public List<IngestProblem> listed() {
        return List.copyOf(listed);
    }
}
