/** The audit log page. */
@NullMarked
package org.commsportal.audit.ui;

import org.jspecify.annotations.NullMarked;
