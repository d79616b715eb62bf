/**
 * Saved views (docs/pages.md, "Saved views"): a usage report's view, kept as its address, named by the account that
 * saved it and private to it or shared within the tenant; the Usage overview lists them.
 */
@NullMarked
package org.commsportal.savedviews;

import org.jspecify.annotations.NullMarked;
