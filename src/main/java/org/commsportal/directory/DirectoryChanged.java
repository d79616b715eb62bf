package org.commsportal.directory;

import java.util.List;

/**
 * Published by the directory's write, inside its transaction, with the tenant's directory version that the write
 * made (docs/pstn-minute-pools.md, "How it is read") and the users it wrote (UPNs in lower case): each user whose
 * row or calling plans changed at that version is among them. A listener that keeps something per version learns it
 * after the commit ({@code @TransactionalEventListener}); a write rolled back is never heard of.
 */
public record DirectoryChanged(long tenantId, long directoryVersion, List<String> upns) {}
