package org.commsportal.deviceusage;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/** One UTC day: the distinct licensed users who took part in a session on each platform (absent ones: none). */
public record DeviceUsageDay(LocalDate day, Map<Platform, Long> users) {

    public DeviceUsageDay {
        users = Map.copyOf(users);
    }

    public static DeviceUsageDay none(LocalDate day) {
        return new DeviceUsageDay(day, new EnumMap<>(Platform.class));
    }

    public long users(Platform platform) {
        return users.getOrDefault(platform, 0L);
    }
}
