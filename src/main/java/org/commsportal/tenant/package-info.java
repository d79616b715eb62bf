/** Tenants (organizations) and the accessor that scopes every query to the signed-in tenant. */
@NullMarked
package org.commsportal.tenant;

import org.jspecify.annotations.NullMarked;
