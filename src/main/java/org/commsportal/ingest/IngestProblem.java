package org.commsportal.ingest;

/** One thing wrong with one record of a request: its index (from 0), the field (a JSON path) and why. */
public record IngestProblem(long index, String field, String reason) {}
