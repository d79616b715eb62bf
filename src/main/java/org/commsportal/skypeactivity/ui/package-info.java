/** The activity, conference organizer and conference participant pages (docs/skype-for-business-activity.md). */
@NullMarked
package org.commsportal.skypeactivity.ui;

import org.jspecify.annotations.NullMarked;
