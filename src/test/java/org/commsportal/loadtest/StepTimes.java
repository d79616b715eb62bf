package org.commsportal.loadtest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Times of each step (and of each request within it) over all users and iterations, and the errors. */
final class StepTimes {

    /** Percentiles by nearest rank. */
    record Summary(int samples, double p50, double p95, double max, int errors, double warmP95) {}

    private final Map<String, List<Double>> stepMillis = new LinkedHashMap<>();
    private final Map<String, List<Double>> warmStepMillis = new LinkedHashMap<>();
    private final Map<String, List<List<Double>>> exchangeMillis = new LinkedHashMap<>();
    private final Map<String, Integer> errors = new LinkedHashMap<>();
    private final List<String> errorMessages = new ArrayList<>();

    StepTimes(List<String> steps) {
        for (String step : steps) {
            stepMillis.put(step, new ArrayList<>());
            warmStepMillis.put(step, new ArrayList<>());
            errors.put(step, 0);
        }
    }

    /** One step's time; iterations after the first also count as warm. */
    synchronized void add(String step, int iteration, long nanos, long[] nanosPerExchange) {
        stepMillis.get(step).add(nanos / 1e6);
        if (iteration > 0) {
            warmStepMillis.get(step).add(nanos / 1e6);
        }
        List<List<Double>> perExchange = exchangeMillis.computeIfAbsent(step, s -> new ArrayList<>());
        for (int i = 0; i < nanosPerExchange.length; i++) {
            if (perExchange.size() <= i) {
                perExchange.add(new ArrayList<>());
            }
            perExchange.get(i).add(nanosPerExchange[i] / 1e6);
        }
    }

    /** Counts a failed step; the first three messages of each step are kept for the report. */
    synchronized void error(String step, String user, Throwable error) {
        int count = errors.merge(step, 1, Integer::sum);
        if (count <= 3) {
            errorMessages.add(user + " / " + step + ": " + error);
        }
    }

    synchronized Summary summary(String step) {
        List<Double> sorted = new ArrayList<>(stepMillis.get(step));
        Collections.sort(sorted);
        List<Double> warm = new ArrayList<>(warmStepMillis.get(step));
        Collections.sort(warm);
        return new Summary(
                sorted.size(),
                percentile(sorted, 50),
                percentile(sorted, 95),
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1),
                errors.get(step),
                percentile(warm, 95));
    }

    /** p50 and p95 of the i-th request of a step. */
    synchronized double[] exchange(String step, int index) {
        List<List<Double>> perExchange = exchangeMillis.getOrDefault(step, List.of());
        if (perExchange.size() <= index) {
            return new double[] {Double.NaN, Double.NaN};
        }
        List<Double> sorted = new ArrayList<>(perExchange.get(index));
        Collections.sort(sorted);
        return new double[] {percentile(sorted, 50), percentile(sorted, 95)};
    }

    synchronized int totalErrors() {
        return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized List<String> errorMessages() {
        return List.copyOf(errorMessages);
    }

    private static double percentile(List<Double> sorted, int percent) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
