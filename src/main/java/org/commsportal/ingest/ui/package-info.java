/** The ingestion keys page. */
@NullMarked
package org.commsportal.ingest.ui;

import org.jspecify.annotations.NullMarked;
