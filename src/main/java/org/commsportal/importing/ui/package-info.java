/** The import upload page (docs/pages.md, "Import"). */
@NullMarked
package org.commsportal.importing.ui;

import org.jspecify.annotations.NullMarked;
