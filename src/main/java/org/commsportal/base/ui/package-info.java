/** The portal's frame: main layout with side navigation, home page and error pages. */
@NullMarked
package org.commsportal.base.ui;

import org.jspecify.annotations.NullMarked;
