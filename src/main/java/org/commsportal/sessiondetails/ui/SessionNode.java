package org.commsportal.sessiondetails.ui;

import java.util.List;
import org.commsportal.sessiondetails.GroupFilter;
import org.commsportal.sessiondetails.SessionRow;

/** A row of the result tree: a group (the filters down to it and its session count) or a session. */
sealed interface SessionNode {

    record Group(List<GroupFilter> path, long count) implements SessionNode {

        GroupFilter last() {
            return path.get(path.size() - 1);
        }
    }

    record Session(SessionRow row) implements SessionNode {}
}
