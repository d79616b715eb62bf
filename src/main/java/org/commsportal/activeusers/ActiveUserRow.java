package org.commsportal.activeusers;

import java.time.LocalDateTime;

/**
 * One period of a CsActiveUser* report.
 *
 * @param id          stable index of the period: for a day the epoch day of its first date, for a week that of its
 *                    Sunday divided by 7 (rounded down), for a month {@code year * 12 + month - 1}, for a year the year
 * @param date        the wall-clock time, in the report's zone, at which the period ends (the midnight that closes it)
 * @param activeUsers distinct licensed users with audio or video in use at some moment of the period
 */
public record ActiveUserRow(long id, LocalDateTime date, long activeUsers) {}
