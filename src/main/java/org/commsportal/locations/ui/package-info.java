/** The locations pages: the building file's administration and quality by location (docs/locations.md). */
@NullMarked
package org.commsportal.locations.ui;

import org.jspecify.annotations.NullMarked;
