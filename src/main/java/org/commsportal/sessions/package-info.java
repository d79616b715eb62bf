/**
 * The write core: sessions, their media and quality records, the users their parties count for, and the daily
 * rollups, written in one transaction by {@link org.commsportal.sessions.SessionWriter}; every report's read model
 * plugs in as a {@link org.commsportal.sessions.SessionChangeListener}. Nothing here names a report
 * (docs/architecture.md).
 */
@NullMarked
package org.commsportal.sessions;

import org.jspecify.annotations.NullMarked;
