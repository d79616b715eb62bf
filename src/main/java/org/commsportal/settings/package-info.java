/** The tenant's settings: name concealment, retention and default time zone (SPEC sections 1 and 4). */
@NullMarked
package org.commsportal.settings;

import org.jspecify.annotations.NullMarked;
