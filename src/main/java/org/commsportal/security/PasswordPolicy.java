package org.commsportal.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be: at least 12 characters, at most 72 bytes (bcrypt ignores the rest), not a common
 * password, not one repeated character and not containing the account's own name.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_BYTES = 72;

    private static final Set<String> COMMON = load("/security/common-passwords.txt");

    private PasswordPolicy() {}

    /** Why the password is refused, in words for the person choosing it; empty when it is acceptable. */
    static Optional<String> problem(String password, String username) {
        if (password.length() < MIN_LENGTH) {
            return Optional.of("The password must have at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("The password must not be longer than " + MAX_BYTES + " bytes.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return Optional.of("This password is on the list of common passwords; choose another.");
        }
        if (lower.chars().distinct().count() == 1) {
            return Optional.of("The password must not be one character repeated.");
        }
        String localPart = username.toLowerCase(Locale.ROOT).split("@", 2)[0];
        if (localPart.length() >= 4 && lower.contains(localPart)) {
            return Optional.of("The password must not contain the user name.");
        }
        return Optional.empty();
    }

    static void check(String password, String username) {
        problem(password, username).ifPresent(reason -> {
            throw new AccountProblem(AccountProblem.Field.PASSWORD, reason);
        });
    }

    private static Set<String> load(String resource) {
        Set<String> passwords = new HashSet<>();
        try (var reader = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(PasswordPolicy.class.getResourceAsStream(resource), resource),
                StandardCharsets.UTF_8))) {
            reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .forEach(passwords::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(passwords);
    }
}
