/**
 * Tenant-wide figures per day, week and month of any time zone (docs/reporting-web-service.md, "The sibling
 * reports"): conferences organized, peer-to-peer sessions and their audio and video minutes, audio/video conference
 * minutes and telephone conference minutes, read from per-quarter-hour counts kept in the same transaction as the
 * sessions.
 */
@NullMarked
package org.commsportal.periodfigures;

import org.jspecify.annotations.NullMarked;
