/** Small pieces every feature uses. */
@NullMarked
package org.commsportal.base;

import org.jspecify.annotations.NullMarked;
