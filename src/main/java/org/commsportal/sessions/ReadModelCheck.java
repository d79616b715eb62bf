package org.commsportal.sessions;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * For {@code verify-rollups}: the daily rollups and distinct users per day against a recomputation from the raw
 * sessions, then each read model against its own recomputation, in the read models' order. Each check runs in
 * its own transaction.
 */
@Service
public class ReadModelCheck {

    private final RollupCheckRepository rollups;
    private final List<SessionChangeListener> readModels;

    ReadModelCheck(RollupCheckRepository rollups, List<SessionChangeListener> readModels) {
        this.rollups = rollups;
        this.readModels = readModels;
    }

    /** Every difference found, human-readable, at most {@code limit}; empty when everything is exact. */
    public List<String> differences(long tenantId, int limit) {
        List<String> differences = new ArrayList<>(rollups.differences(tenantId, limit));
        for (SessionChangeListener readModel : readModels) {
            if (differences.size() >= limit) {
                break;
            }
            differences.addAll(readModel.differences(tenantId, limit - differences.size()));
        }
        return differences;
    }

    /**
     * Rebuilds from the raw sessions every read model that can (SessionChangeListener#rebuild), each in its own
     * transaction; the names of the read models rebuilt.
     */
    public List<String> rebuild(long tenantId) {
        List<String> rebuilt = new ArrayList<>();
        for (SessionChangeListener readModel : readModels) {
            if (readModel.rebuild(tenantId)) {
                rebuilt.add(org.springframework.util.ClassUtils.getUserClass(readModel)
                        .getSimpleName());
            }
        }
        return rebuilt;
    }
}
