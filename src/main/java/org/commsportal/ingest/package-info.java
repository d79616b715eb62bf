/**
 * The one write path for sessions and their quality records. Ingestion endpoints, the command-line import and
 * the demo generator all write through {@link org.commsportal.ingest.SessionWriter}, which keeps the rollups
 * in the same transaction.
 */
@NullMarked
package org.commsportal.ingest;

import org.jspecify.annotations.NullMarked;
