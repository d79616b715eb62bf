package org.commsportal.activity;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The per-user table's columns (docs/peer-to-peer-activity.md), in their default order, with the header the vendor uses. */
public enum UserActivityColumn {
    USER_NAME("User name", UserActivityRow::userName),
    DELETED("Deleted", UserActivityRow::deleted),
    DELETED_DATE("Deleted date", UserActivityRow::deletedDate),
    LAST_ACTIVITY_DATE("Last activity date (UTC)", UserActivityRow::lastActivityDate),
    IM("IM", UserActivityRow::im),
    AUDIO("Audio", UserActivityRow::audio),
    VIDEO("Video", UserActivityRow::video),
    APP_SHARING("Application sharing", UserActivityRow::appSharing),
    FILE_TRANSFERS("File transfers", UserActivityRow::fileTransfers),
    AUDIO_MINUTES("Audio minutes", UserActivityRow::audioMinutes),
    VIDEO_MINUTES("Video minutes", UserActivityRow::videoMinutes);

    private final String header;
    private final Function<UserActivityRow, @Nullable Object> value;

    UserActivityColumn(String header, Function<UserActivityRow, @Nullable Object> value) {
        this.header = header;
        this.value = value;
    }

    public String header() {
        return header;
    }

    public @Nullable Object valueOf(UserActivityRow row) {
        return value.apply(row);
    }
}
