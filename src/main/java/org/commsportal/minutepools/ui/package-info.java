/** The PSTN minute pools page and the calling plan allowances settings. */
@NullMarked
package org.commsportal.minutepools.ui;

import org.jspecify.annotations.NullMarked;
