package dev.tracestore.core.query;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tracestore.core.testing.TestSpans.span;
import static dev.tracestore.core.testing.TestSpans.spanId;
import static dev.tracestore.core.testing.TestSpans.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scopes of an attribute filter: what each prefix reads, and how many events or links read together. */
class ScopedAttributeFilterTest {

    private static final StoredSpan SPAN = span(1, 1, 1_000)
            .attributes(Attributes.of(AttributeKey.stringKey("event.domain"), "browser"))
            .events(List.of(
                    new SpanEvent("exception", 1_000, Attributes.of(
                            AttributeKey.stringKey("exception.type"), "java.io.IOException")),
                    new SpanEvent("retry", 1_100, Attributes.of(AttributeKey.longKey("attempt"), 2L))))
            .links(List.of(new SpanLink(traceId(9), spanId(9), Attributes.of(
                    AttributeKey.stringKey("link.kind"), "follows"))))
            .scope(InstrumentationScopeInfo.builder("io.micrometer.tracing").setVersion("1.6.0")
                    .setAttributes(Attributes.of(AttributeKey.stringKey("owner"), "team-a")).build())
            .build();

    @Test
    void eventKeysReadEveryEventLikeAnArray() {
        assertThat(holds("event.exception.type=java.io.IOException")).isTrue();
        assertThat(holds("event.exception.type=java.lang.Error")).isFalse();
        assertThat(holds("event.attempt>=2")).isTrue();
        assertThat(holds("event.attempt")).isTrue();
        assertThat(holds("!event.attempt")).isFalse();
        // != holds when no event has the value: the retry event lacking exception.type does not make it hold
        assertThat(holds("event.exception.type!=java.io.IOException")).isFalse();
        assertThat(holds("event.exception.type!=java.lang.Error")).isTrue();
        assertThat(holds("event.name=retry")).isTrue();
        assertThat(holds("event.name=~exc.*")).isTrue();
    }

    @Test
    void linkAndInstrumentationKeys() {
        assertThat(holds("link.link.kind=follows")).isTrue();
        assertThat(holds("!link.other")).isTrue();
        assertThat(holds("instrumentation.name=io.micrometer.tracing")).isTrue();
        assertThat(holds("instrumentation.version=1.6.0")).isTrue();
        assertThat(holds("instrumentation.owner=team-a")).isTrue();
        assertThat(holds("instrumentation.owner=team-b")).isFalse();
    }

    @Test
    void theSpanPrefixReachesASpanAttributeThatLooksScoped() {
        assertThat(holds("span.event.domain=browser")).isTrue();
        assertThat(holds("event.domain=browser")).as("event. reads the events").isFalse();
        assertThat(AttributeFilter.parse("event.").scope()).as("a bare prefix is a key").isEqualTo(AttributeFilter.Scope.ANY);
        assertThat(AttributeFilter.parse("instrumentation.name=x").toString()).isEqualTo("instrumentation.name=x");
    }

    @Test
    void aWholeSpanScopeRefusesTheAttributesOnlyForm() {
        AttributeFilter filter = AttributeFilter.parse("event.exception.type=x");
        assertThat(filter.scope().needsWholeSpan()).isTrue();
        assertThatThrownBy(() -> filter.matches(Attributes.empty(), Attributes.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("matches(StoredSpan)");
    }

    private static boolean holds(String filter) {
        return AttributeFilter.parse(filter).matches(SPAN);
    }
}
