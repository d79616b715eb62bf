package org.commsportal.security;

/** A value of the provider's groups or roles claim (exact, case-sensitive) and the portal role it grants. */
public record SsoRoleMapping(String claimValue, Role role) {}
