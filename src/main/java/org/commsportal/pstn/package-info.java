/**
 * PSTN usage (docs/pstn-usage.md): every stored session with a telephone party, as one call per session with its
 * user, numbers, call type, direction, destination country and duration; kept by the write core as a read model
 * ({@code pstn_call}), for the PSTN usage page and its exports.
 */
@NullMarked
package org.commsportal.pstn;

import org.jspecify.annotations.NullMarked;
