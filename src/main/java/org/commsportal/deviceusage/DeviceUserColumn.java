package org.commsportal.deviceusage;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The per-user table's columns (docs/device-usage.md), in their default order. */
public enum DeviceUserColumn {
    USER_NAME("User name", DeviceUserRow::userName, null),
    DISPLAY_NAME("Display name", DeviceUserRow::displayName, null),
    LAST_ACTIVITY_DATE("Last activity date (UTC)", DeviceUserRow::lastActivityDate, null),
    WINDOWS("Windows", null, Platform.WINDOWS),
    WINDOWS_PHONE("Windows Phone", null, Platform.WINDOWS_PHONE),
    ANDROID_PHONE("Android Phone", null, Platform.ANDROID_PHONE),
    IPHONE("iPhone", null, Platform.IPHONE),
    IPAD("iPad", null, Platform.IPAD),
    MAC("Mac", null, Platform.MAC),
    WEB("Web", null, Platform.WEB),
    OTHER("Other", null, Platform.OTHER);

    private final String header;
    private final @Nullable Function<DeviceUserRow, @Nullable Object> value;
    private final @Nullable Platform platform;

    DeviceUserColumn(
            String header, @Nullable Function<DeviceUserRow, @Nullable Object> value, @Nullable Platform platform) {
        this.header = header;
        this.value = value;
        this.platform = platform;
    }

    public String header() {
        return header;
    }

    /** The platform whose use the column shows, or null for a name or date column. */
    public @Nullable Platform platform() {
        return platform;
    }

    public @Nullable Object valueOf(DeviceUserRow row) {
        return platform != null ? (Object) row.used(platform) : value.apply(row);
    }
}
