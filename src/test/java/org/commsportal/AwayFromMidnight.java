package org.commsportal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * Holds back a test class or test that would start in the last minutes of a UTC day until just after midnight. Tests
 * read "today" when they start (in fields, in their set-up) and compare it with what the portal answers later, and a
 * new UTC day or month between the two changes the answer: a whole run takes most of an hour, so a run that crosses
 * midnight would otherwise fail by the calendar, not by the code. Waiting costs at most a few minutes, once a run.
 * Tests of the demo data, which the context writes once through the day before it starts, count a trend's days from
 * the data ({@code BrowserTest.demoDaysAmongLast}).
 */
public class AwayFromMidnight implements BeforeAllCallback, TestInstancePreConstructCallback {

    /** A test started later than this in a UTC day waits for the next day. */
    private static final LocalTime LAST_START = LocalTime.of(23, 54);

    private static final Duration AFTER_MIDNIGHT = Duration.ofSeconds(30);

    @Override
    public void beforeAll(ExtensionContext context) throws InterruptedException {
        waitIfNearMidnight();
    }

    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context)
            throws InterruptedException {
        waitIfNearMidnight();
    }

    private static void waitIfNearMidnight() throws InterruptedException {
        Duration wait = waitAt(LocalTime.now(Clock.systemUTC()));
        if (!wait.isZero()) {
            System.out.println("Waiting " + wait.toSeconds() + " s for the next UTC day before the next test");
            Thread.sleep(wait.toMillis());
        }
    }

    /** How long a test that would start at this UTC time waits: until just after midnight, or not at all. */
    static Duration waitAt(LocalTime now) {
        return now.isAfter(LAST_START) ? Duration.between(now, LocalTime.MAX).plus(AFTER_MIDNIGHT) : Duration.ZERO;
    }
}
