package org.commsportal.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The benchmarks' clock: the portal believes it is 01:00 UTC of {@code bench.today} when the run starts (the bench
 * profile sets it, bench/run.sh can override it with BENCH_TODAY) and time runs on from there. The data sets are
 * named after that day's eve, so a run on a new calendar day reuses them instead of loading new ones, and every
 * period the benchmarks time ends on the same day of data (docs/scaling.md).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("bench.today")
class BenchClock {

    @Bean
    @Primary
    Clock fixedDayClock(@Value("${bench.today}") LocalDate today) {
        Instant start = today.atTime(LocalTime.of(1, 0)).toInstant(ZoneOffset.UTC);
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start));
    }
}
