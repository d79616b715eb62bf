/** Data retention (docs/configuration.md): sessions older than a tenant's retention days are purged in small batches. */
@NullMarked
package org.commsportal.retention;

import org.jspecify.annotations.NullMarked;
