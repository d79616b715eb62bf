package org.commsportal.minutepools;

import org.jspecify.annotations.Nullable;

/**
 * One pool of a month: its capability and country (the users' usage location), how many users have a plan in it,
 * its total minutes (the sum of their allowances), the minutes used, those left (negative when used beyond the
 * total) and the percentage used (null for a pool of zero minutes).
 */
public record MinutePool(
        PoolCapability capability,
        String country,
        long users,
        long totalMinutes,
        long usedMinutes,
        long leftMinutes,
        @Nullable Long percentUsed) {

    /** The cell of a column, for exports and the table. */
    public @Nullable Object valueOf(MinutePoolColumn column) {
        return switch (column) {
            case CAPABILITY -> capability.label();
            case COUNTRY -> country;
            case USERS -> users;
            case TOTAL -> totalMinutes;
            case USED -> usedMinutes;
            case LEFT -> leftMinutes;
            case PERCENT_USED -> percentUsed;
        };
    }
}
