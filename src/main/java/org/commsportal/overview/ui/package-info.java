/** The usage overview page. */
@NullMarked
package org.commsportal.overview.ui;

import org.jspecify.annotations.NullMarked;
