package org.commsportal.minutepools;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commsportal.directory.CallingPlan;
import org.commsportal.directory.UserRecord;
import org.commsportal.directory.UserRecordsWritten;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each user's assigned calling plans from the user records the directory writes, in the same transaction
 * (docs/pstn-minute-pools.md): a record with {@code callingPlans} replaces the user's plans from the moment it is
 * written (an empty list ends them), keeping the plans of before for the months they were in force; a record
 * without the field keeps them.
 */
@Component
class CallingPlans {

    private final MinutePoolRepository repository;

    CallingPlans(MinutePoolRepository repository) {
        this.repository = repository;
    }

    @EventListener
    void usersWritten(UserRecordsWritten written) {
        Map<String, List<CallingPlan>> plans = new LinkedHashMap<>();
        for (UserRecord user : written.users()) {
            if (user.callingPlans() != null) {
                plans.put(user.upn().toLowerCase(Locale.ROOT), user.callingPlans());
            }
        }
        if (plans.isEmpty()) {
            return;
        }
        Map<String, Long> ids = repository.userIds(written.tenantId(), List.copyOf(plans.keySet()));
        Map<Long, List<CallingPlan>> byId = new HashMap<>();
        plans.forEach((upn, userPlans) -> {
            Long id = ids.get(upn);
            if (id != null) {
                byId.put(id, userPlans);
            }
        });
        repository.replacePlans(written.tenantId(), byId, written.writtenAt());
    }
}
