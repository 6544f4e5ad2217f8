package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tracestore.static-not-found-failures} decides whether the store counts a favicon 404 as a failure. */
class StaticNotFoundFailuresTests {

    @TempDir
    Path directory;

    /** The browser's /favicon.ico in a Boot 4.0 WebFlux app, as its span is recorded. */
    private static final StoredSpan FAVICON = StoredSpan.builder().traceId("4bf92f3577b34da6a3ce929d0e0e4736")
            .spanId("00f067aa0ba902b7").name("http get /**").kind(SpanKind.SERVER)
            .startEpochNanos(1_000).endEpochNanos(2_000).status(StatusCode.ERROR, "404 NOT_FOUND")
            .attributes(Attributes.builder().put("exception", "NoResourceFoundException").put("status", "404")
                    .put("outcome", "CLIENT_ERROR").put("uri", "/**").put("http.url", "/favicon.ico").build())
            .events(List.of(new SpanEvent("exception", 1_500, Attributes.of(AttributeKey.stringKey("exception.type"),
                    "org.springframework.web.reactive.resource.NoResourceFoundException"))))
            .resource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop")))
            .build();

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TraceStoreAutoConfiguration.class))
                .withPropertyValues("tracestore.directory=" + directory);
    }

    @Test
    void aStaticResource404IsNoFailureByDefault() {
        runner().run(context -> assertThat(failures(context.getBean(SpanStore.class))).isEmpty());
    }

    @Test
    void thePropertyCountsItAgain() {
        runner().withPropertyValues("tracestore.static-not-found-failures=true")
                .run(context -> assertThat(failures(context.getBean(SpanStore.class))).containsExactly(FAVICON));
    }

    private static List<StoredSpan> failures(SpanStore store) {
        store.add(FAVICON);
        return store.findSpans(SpanQuery.builder().failedOnly(true).build());
    }
}
