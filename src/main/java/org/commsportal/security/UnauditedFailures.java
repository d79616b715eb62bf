package org.commsportal.security;

import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins whose audit entry could not be written, kept in this node's memory for the throttle's window, so
 * that {@link SignInThrottle} counts every failure whether or not the audit trail took it.
 */
@Component
class UnauditedFailures {

    private final RecentFailures byName;
    private final RecentFailures byAddress;

    UnauditedFailures(Clock clock) {
        this.byName = new RecentFailures(SignInThrottle.MAX_PER_ACCOUNT, SignInThrottle.WINDOW, clock);
        this.byAddress = new RecentFailures(SignInThrottle.MAX_PER_ADDRESS, SignInThrottle.WINDOW, clock);
    }

    void add(String username, @Nullable String address) {
        byName.add(username);
        if (address != null) {
            byAddress.add(address);
        }
    }

    int of(String username) {
        return byName.count(username);
    }

    int from(String address) {
        return byAddress.count(address);
    }

    /** A successful sign-in clears the user name's count, as it does in the audit trail. */
    void signedIn(String username) {
        byName.clear(username);
    }
}
