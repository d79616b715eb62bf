package org.commsportal.security;

/** A token just created: the only moment its secret value exists outside the caller's hands. */
public record CreatedApiToken(String token, ApiTokenSummary summary) {}
