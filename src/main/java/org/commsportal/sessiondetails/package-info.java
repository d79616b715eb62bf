/** The session details report (SPEC section 3): one user's sessions, grouped, with their quality sub-tabs. */
@NullMarked
package org.commsportal.sessiondetails;

import org.jspecify.annotations.NullMarked;
