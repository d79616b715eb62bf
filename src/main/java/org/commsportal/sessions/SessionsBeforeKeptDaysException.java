package org.commsportal.sessions;

import java.time.LocalDate;
import java.util.List;

/** Sessions that start before the first day a tenant keeps (retention) cannot be written: they would be dropped. */
public class SessionsBeforeKeptDaysException extends RuntimeException {

    private final List<String> dialogIds;
    private final LocalDate keptFrom;

    SessionsBeforeKeptDaysException(List<String> dialogIds, LocalDate keptFrom) {
        super(dialogIds.size() + " session(s) start before " + keptFrom + ", the first day this tenant keeps");
        this.dialogIds = List.copyOf(dialogIds);
        this.keptFrom = keptFrom;
    }

    public List<String> dialogIds() {
        return dialogIds;
    }

    public LocalDate keptFrom() {
        return keptFrom;
    }

    /** The reason given for each such session. */
    public static String reason(LocalDate keptFrom) {
        return "starts before " + keptFrom + ", the first UTC day this tenant keeps (its retention); older sessions "
                + "are no longer accepted";
    }
}
