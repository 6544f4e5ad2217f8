package dev.tracestore.benchmarks.http;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * GET one URL at a constant arrival rate (open model): a request starts on schedule whether or not earlier ones
 * have answered, so a stall shows in the latencies instead of slowing the load down (no coordinated omission).
 * Requests share a keep-alive connection pool, like a proxy in front of the app. The first {@code warmup}
 * seconds are reported as request {@code warm-up}, the rest as {@code measured}.
 *
 * <pre>{@code
 * java -cp "target/classes:$(cat target/classpath.txt)" -Durl=http://127.0.0.1:18080/orders/1 -Drate=1500 \
 *     -Dwarmup=10 -Dduration=30 io.gatling.app.Gatling -s dev.tracestore.benchmarks.http.ConstantRateSimulation
 * }</pre>
 */
public class ConstantRateSimulation extends Simulation {

    private final String url = System.getProperty("url");
    private final double rate = Double.parseDouble(System.getProperty("rate"));
    private final int warmupSeconds = Integer.getInteger("warmup", 10);
    private final int seconds = Integer.getInteger("duration", 30);

    /** Declares the scenario; Gatling runs it once the constructor returns. */
    public ConstantRateSimulation() {
        HttpProtocolBuilder protocol = http.shareConnections().disableCaching().disableWarmUp();
        ScenarioBuilder warmup = scenario("warm-up").exec(http("warm-up").get(url).check(status().is(200)));
        ScenarioBuilder measured = scenario("measured").exec(http("measured").get(url).check(status().is(200)));
        setUp(warmup.injectOpen(constantUsersPerSec(rate).during(warmupSeconds))
                .andThen(measured.injectOpen(constantUsersPerSec(rate).during(seconds))))
                .protocols(protocol);
    }
}
