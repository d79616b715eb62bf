/** The audit trail: who did what, when, from where. Append-only from the portal. */
@NullMarked
package org.commsportal.audit;

import org.jspecify.annotations.NullMarked;
