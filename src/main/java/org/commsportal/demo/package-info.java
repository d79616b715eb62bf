/** Deterministic demo data (SPEC section 6) for the embedded default, tests and benchmarks. */
@NullMarked
package org.commsportal.demo;

import org.jspecify.annotations.NullMarked;
