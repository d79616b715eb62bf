/** The alert rules page (global administrators; global readers read) and the alert history page. */
@NullMarked
package org.commsportal.alerts.ui;

import org.jspecify.annotations.NullMarked;
