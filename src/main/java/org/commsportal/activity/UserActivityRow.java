package org.commsportal.activity;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** One licensed user's peer-to-peer activity in the period or day; {@code userName} is masked for the viewer. */
public record UserActivityRow(
        long userId,
        String userName,
        boolean deleted,
        @Nullable LocalDate deletedDate,
        @Nullable LocalDate lastActivityDate,
        long im,
        long audio,
        long video,
        long appSharing,
        long fileTransfers,
        long audioMinutes,
        long videoMinutes) {}
