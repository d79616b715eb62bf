package org.commsportal.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on 127.0.0.1 for the tests (the JDK's server): records every request with its headers and the
 * time it arrived, and answers with the statuses it is given in turn (then 200), after an optional delay.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** A request as it arrived. */
    public record Received(long arrivedNanos, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse("");
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final List<Integer> statuses = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile long firstDelayMillis;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", exchange -> {
            long arrived = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int call = calls.getAndIncrement();
            if (call == 0 && firstDelayMillis > 0) {
                try {
                    Thread.sleep(firstDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            received.add(new Received(arrived, Map.copyOf(exchange.getRequestHeaders()), body));
            int status;
            synchronized (statuses) {
                status = call < statuses.size() ? statuses.get(call) : 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** Answers the first requests with these statuses, later ones with 200. */
    public WebhookReceiver answering(Integer... codes) {
        synchronized (statuses) {
            statuses.addAll(List.of(codes));
        }
        return this;
    }

    /** Holds the first request this long before answering (a timeout for a short client timeout). */
    public WebhookReceiver delayingFirst(long millis) {
        firstDelayMillis = millis;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
