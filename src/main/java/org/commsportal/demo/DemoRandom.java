package org.commsportal.demo;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/** A seeded random source with the few distributions the generator needs. */
final class DemoRandom {

    private final Random random;

    DemoRandom(long seed) {
        this.random = new Random(seed);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    int between(int fromInclusive, int toExclusive) {
        return fromInclusive + random.nextInt(toExclusive - fromInclusive);
    }

    double between(double from, double to) {
        return from + random.nextDouble() * (to - from);
    }

    double gaussian(double mean, double deviation) {
        return mean + random.nextGaussian() * deviation;
    }

    /** Knuth's method; fine for the small means used here. */
    int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    String hex(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    /** A duration in ms drawn from a log-normal around the median, bounded. */
    long durationMs(double medianSeconds, double maxSeconds) {
        double seconds = Math.min(maxSeconds, Math.max(5, medianSeconds * Math.exp(random.nextGaussian() * 0.8)));
        return Math.round(seconds * 1000);
    }
}
