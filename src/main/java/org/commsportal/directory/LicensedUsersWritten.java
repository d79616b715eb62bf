package org.commsportal.directory;

import java.util.List;

/**
 * Published inside the transaction that inserted or updated these licensed users (UPNs in lower case), so that
 * tables kept per licensed user can add rows for new ones, and sessions that name them can be linked to them, in
 * the same transaction.
 */
public record LicensedUsersWritten(long tenantId, List<String> upns) {
}
