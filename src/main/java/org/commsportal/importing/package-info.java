/**
 * Importers of data as other systems produce it: Teams call records (the Graph {@code callRecord} JSON) and
 * directory CSV exports. They map each record to the portal's own ingestion format, check it with the same
 * validation as the HTTP API and write it through the write core (docs/import-teams-call-records.md,
 * docs/import-users-csv.md). The upload page runs the same importers on uploaded files ({@link
 * org.commsportal.importing.ImportUploads}, docs/pages.md, "Import").
 */
@NullMarked
package org.commsportal.importing;

import org.jspecify.annotations.NullMarked;
