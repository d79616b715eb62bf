/** The session details report (docs/session-details.md): one user's sessions, grouped, with their quality sub-tabs. */
@NullMarked
package org.commsportal.sessiondetails;

import org.jspecify.annotations.NullMarked;
