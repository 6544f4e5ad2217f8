package dev.tracestore.benchmarks.workload;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The fixed value sets the {@link Workload} draws from: services, routes, error types and attribute keys.
 * Low-cardinality values are shared constants, as they are in an instrumented application (a route template
 * or a method name is one {@code String} for the life of the process).
 *
 * <pre>{@code
 * String service = Vocabulary.SERVICES.get(2);   // "inventory"
 * Resource resource = Vocabulary.resource(2);    // shared, with service.name = "inventory"
 * }</pre>
 */
public final class Vocabulary {

    /** The five services. */
    public static final List<String> SERVICES = List.of("checkout", "cart", "inventory", "payment", "shipping");

    /** The fifty route templates, spread over the services. */
    public static final List<String> ROUTES = IntStream.range(0, 50)
            .mapToObj(i -> "/api/" + SERVICES.get(i % SERVICES.size()) + "/v" + (1 + i / 25) + "/op" + i + "/{id}")
            .toList();

    /** The eight {@code error.type} values of failed spans. */
    public static final List<String> ERROR_TYPES = List.of(
            "java.net.SocketTimeoutException",
            "java.io.IOException",
            "java.util.concurrent.TimeoutException",
            "java.lang.IllegalStateException",
            "java.lang.NullPointerException",
            "org.springframework.dao.DataAccessResourceFailureException",
            "io.grpc.StatusRuntimeException",
            "500");

    /** Names of INTERNAL spans. */
    public static final List<String> INTERNAL_OPERATIONS = List.of(
            "SELECT orders", "cache.get", "serialize", "validate", "render", "publish");

    /** Values of {@code http.request.method}, weighted by repetition: mostly GET. */
    public static final List<String> METHODS = List.of("GET", "GET", "GET", "GET", "GET", "GET", "POST", "POST",
            "PUT", "DELETE");

    /** Values of {@code user_agent.original}. */
    public static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Safari/605.1.15",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0",
            "okhttp/4.12.0", "Java-http-client/17.0.15", "ReactorNetty/1.1.20", "curl/8.5.0", "kube-probe/1.30");

    /** Values of {@code network.peer.port}. */
    public static final List<Long> PORTS = List.of(8080L, 8443L, 443L, 80L, 9090L, 5432L, 6379L, 50051L);

    /** One of {@link #METHODS}. */
    public static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    /** One of {@link #ROUTES}. */
    public static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    /** 200, or 500 to 503 on ERROR spans. */
    public static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    /** The host of the service that serves the route. */
    public static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    /** The route with a numeric id: 250 000 distinct values, too many for an index. */
    public static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    /** One of {@link #USER_AGENTS}. */
    public static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
    /** One of {@link #PORTS}. */
    public static final AttributeKey<Long> PEER_PORT = AttributeKey.longKey("network.peer.port");
    /** A coin toss. */
    public static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("app.cache_hit");
    /** 0.000 to 1.000: about a thousand distinct doubles. */
    public static final AttributeKey<Double> LOAD = AttributeKey.doubleKey("app.load_factor");
    /** 16 hex digits, one per trace: as many values as traces. */
    public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("app.request_id");
    /** One of {@link #ERROR_TYPES}, on ERROR spans only. */
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private static final List<Resource> RESOURCES = SERVICES.stream()
            .map(service -> Resource.create(Attributes.builder()
                    .put("service.name", service)
                    .put("service.version", "1.4.2")
                    .put("host.name", service + "-7d9f8b6c4-x2k9p")
                    .put("telemetry.sdk.language", "java")
                    .build()))
            .toList();

    private static final List<String> HOSTS = SERVICES.stream().map(service -> service + ".shop.internal").toList();

    private static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.builder("io.opentelemetry.spring-webmvc-6.0")
            .setVersion("2.4.0-alpha").build();

    private Vocabulary() {
    }

    /** @param service index into {@link #SERVICES} @return the service's shared resource */
    public static Resource resource(int service) {
        return RESOURCES.get(service);
    }

    /** @param service index into {@link #SERVICES} @return the service's host name */
    public static String host(int service) {
        return HOSTS.get(service);
    }

    /** @return the instrumentation scope all workload spans share */
    public static InstrumentationScopeInfo scope() {
        return SCOPE;
    }
}
