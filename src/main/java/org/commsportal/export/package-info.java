/**
 * Streaming CSV and XLSX exports of report tables: rows are written as they arrive, so a report can export every
 * matching row without holding them in memory.
 */
@NullMarked
package org.commsportal.export;

import org.jspecify.annotations.NullMarked;
