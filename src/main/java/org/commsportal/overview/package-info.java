/**
 * The usage overview (docs/pages.md): one card per usage report the viewer's roles open, with its figure of the
 * report date and its trend, read through each report's own service.
 */
@NullMarked
package org.commsportal.overview;

import org.jspecify.annotations.NullMarked;
