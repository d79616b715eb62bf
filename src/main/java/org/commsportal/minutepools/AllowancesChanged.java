package org.commsportal.minutepools;

/**
 * A change of a tenant's calling plan allowances, published in its transaction with the directory version it made:
 * the kept month plans are priced again instead of read again (docs/pstn-minute-pools.md, "How it is read").
 */
record AllowancesChanged(long tenantId, long directoryVersion) {}
