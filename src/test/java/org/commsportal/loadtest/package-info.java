/**
 * A load test of the real web UI: one flow recorded in headless Chromium, replayed over HTTP (Vaadin's UIDL
 * protocol) by many concurrent signed-in administrators. Run by {@code bench/load-test.sh}; see docs/load-test.md.
 */
@NullMarked
package org.commsportal.loadtest;

import org.jspecify.annotations.NullMarked;
