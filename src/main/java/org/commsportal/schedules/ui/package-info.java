/** The "My scheduled reports" page and the form that schedules a saved view (docs/scheduled-reports.md). */
@NullMarked
package org.commsportal.schedules.ui;

import org.jspecify.annotations.NullMarked;
