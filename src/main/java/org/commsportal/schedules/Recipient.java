package org.commsportal.schedules;

/** A portal account of the tenant that can receive scheduled reports: its user name is its email address. */
public record Recipient(long id, String username, String displayName, String timeZone, boolean enabled) {}
