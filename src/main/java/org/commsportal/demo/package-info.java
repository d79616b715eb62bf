/** Deterministic demo data (the README's demo data) for the embedded default, tests and benchmarks. */
@NullMarked
package org.commsportal.demo;

import org.jspecify.annotations.NullMarked;
