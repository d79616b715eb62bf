/**
 * Active users (docs/active-users.md): distinct licensed users with audio or video in use at some moment of a day,
 * week, month or year of any time zone, from per-user quarter-hour activity kept in the same transaction as the
 * sessions.
 */
@NullMarked
package org.commsportal.activeusers;

import org.jspecify.annotations.NullMarked;
