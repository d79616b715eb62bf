/** Leases in the database that let one portal node at a time run a job when several share the database. */
@NullMarked
package org.commsportal.lease;

import org.jspecify.annotations.NullMarked;
