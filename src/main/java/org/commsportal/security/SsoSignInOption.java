package org.commsportal.security;

/** A "Sign in with …" button of the sign-in page: the provider's label and the portal path that starts it. */
public record SsoSignInOption(String registrationId, String displayName, String path) {}
