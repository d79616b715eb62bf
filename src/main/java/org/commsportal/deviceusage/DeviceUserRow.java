package org.commsportal.deviceusage;

import java.time.LocalDate;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One licensed user of the per-user table: names as the viewer may see them (both the pseudonym when concealed),
 * the last day with a session up to the end of the period or day, and the platforms used in it.
 */
public record DeviceUserRow(
        long userId,
        String userName,
        String displayName,
        @Nullable LocalDate lastActivityDate,
        Set<Platform> used) {

    public DeviceUserRow {
        used = Set.copyOf(used);
    }

    public boolean used(Platform platform) {
        return used.contains(platform);
    }
}
