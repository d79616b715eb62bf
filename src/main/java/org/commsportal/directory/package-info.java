/** The tenant's directory of licensed users. */
@NullMarked
package org.commsportal.directory;

import org.jspecify.annotations.NullMarked;
