/** The webhooks page: endpoints and their delivery logs, for global administrators and global readers. */
@NullMarked
package org.commsportal.webhooks.ui;

import org.jspecify.annotations.NullMarked;
