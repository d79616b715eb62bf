package org.commsportal.directory;

import java.util.List;

/**
 * Published inside the directory's write transaction, under the tenant's exclusive write lock, after it wrote these
 * licensed users (UPNs in lower case), each of which is new or has another usage location than before, so that read
 * models that count calls by the user's country (docs/pstn-usage.md) move them in the same transaction.
 */
public record UsageLocationsChanged(long tenantId, List<String> upns) {}
