/** Benchmarks, run by {@code ./mvnw -Pbench verify}; they print figures and assert no timing. */
@NullMarked
package org.commsportal.bench;

import org.jspecify.annotations.NullMarked;
