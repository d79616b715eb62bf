/**
 * Scheduled reports (docs/scheduled-reports.md): a saved view emailed to a portal account of the tenant daily, weekly
 * or monthly, rendered at send time with the recipient's roles and concealment, sent once per due instant across
 * several portal nodes.
 */
@NullMarked
package org.commsportal.schedules;

import org.jspecify.annotations.NullMarked;
