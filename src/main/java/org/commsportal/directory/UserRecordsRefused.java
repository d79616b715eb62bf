package org.commsportal.directory;

import java.util.List;

/**
 * Thrown by a listener of {@link UserRecordsWritten} when records contradict what is stored (such as a block that
 * starts before the block it replaces): the whole write is rolled back and the door names each refused record.
 */
public class UserRecordsRefused extends RuntimeException {

    /** One refused record, by its lower-case UPN, with the field and the reason. */
    public record Refusal(String upn, String field, String reason) {}

    private final List<Refusal> refusals;

    public UserRecordsRefused(List<Refusal> refusals) {
        super(refusals.size() + " user record(s) refused: " + refusals.get(0).field() + " "
                + refusals.get(0).reason());
        this.refusals = List.copyOf(refusals);
    }

    public List<Refusal> refusals() {
        return refusals;
    }
}
