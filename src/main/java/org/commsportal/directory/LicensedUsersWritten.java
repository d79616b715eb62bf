package org.commsportal.directory;

import java.util.List;

/**
 * Published inside the transaction that inserted or updated these licensed users (UPNs in lower case), so that
 * tables kept per licensed user can add rows for new ones, and sessions that name them can be linked to them, in
 * the same transaction. {@code licencesChanged} holds those that are new or whose licence dates changed: only
 * their sessions can start or stop counting for them (a nightly re-send of an unchanged directory re-links nothing).
 */
public record LicensedUsersWritten(long tenantId, List<String> upns, List<String> licencesChanged) {}
