package org.commsportal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one configuration of every integration test, so they all share one Spring context and one embedded
 * MariaDB per test run: the whole portal on a random port with the test profile's small demo data. Each test
 * ends signed out, and none starts in the last minutes of a UTC day ({@link AwayFromMidnight}, before the context).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AwayFromMidnight.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(SignOutAfterEach.class)
public @interface PortalIntegrationTest {}
