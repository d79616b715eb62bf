/** The users blocked page. */
@NullMarked
package org.commsportal.usersblocked.ui;

import org.jspecify.annotations.NullMarked;
