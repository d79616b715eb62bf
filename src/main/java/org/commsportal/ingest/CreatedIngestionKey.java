package org.commsportal.ingest;

/** A key just created: the only moment its secret value exists outside the caller's hands. */
public record CreatedIngestionKey(String key, IngestionKeySummary summary) {}
