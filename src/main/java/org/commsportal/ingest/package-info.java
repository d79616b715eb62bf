/**
 * The door for records from outside: the ingestion endpoints, their keys, the command-line import and
 * verify-rollups, and the parsing and validation of records. Everything is written through the write core,
 * {@link org.commsportal.sessions.SessionWriter} (docs/architecture.md).
 */
@NullMarked
package org.commsportal.ingest;

import org.jspecify.annotations.NullMarked;
