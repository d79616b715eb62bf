/**
 * PSTN minute pools (docs/pstn-minute-pools.md): the users' assigned calling plans kept from the directory's
 * records, the tenant's allowances per plan, and per month the pools' total, used and remaining minutes.
 */
@NullMarked
package org.commsportal.minutepools;

import org.jspecify.annotations.NullMarked;
