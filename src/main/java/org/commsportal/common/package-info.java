/** Small pieces every feature uses. */
@NullMarked
package org.commsportal.common;

import org.jspecify.annotations.NullMarked;
