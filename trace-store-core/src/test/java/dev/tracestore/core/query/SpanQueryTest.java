package dev.tracestore.core.query;

import dev.tracestore.core.query.AttributeFilter.Operator;
import dev.tracestore.core.query.AttributeFilter.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpanQueryTest {

    @Test
    void defaultsToNewestFirstWithALimitOfOneHundred() {
        SpanQuery query = SpanQuery.builder().build();
        assertThat(query.limit()).isEqualTo(100);
        assertThat(query.order()).isEqualTo(SpanOrder.NEWEST_FIRST);
        assertThat(query.service()).isEmpty();
        assertThat(query.toBuilder().build()).isEqualTo(query);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 10_001})
    void limitOutOfRangeNamesTheField(int limit) {
        assertThatThrownBy(() -> SpanQuery.builder().limit(limit).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("limit must be between 1 and 10000");
    }

    @Test
    void rejectsInconsistentWindowsAndDurations() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> SpanQuery.builder().from(now).to(now).build()).hasMessageStartingWith("from");
        assertThatThrownBy(() -> SpanQuery.builder().from(now).lookback(Duration.ofHours(1)).build())
                .hasMessageStartingWith("lookback");
        assertThatThrownBy(() -> SpanQuery.builder().lookback(Duration.ZERO).build()).hasMessageStartingWith("lookback");
        assertThatThrownBy(() -> SpanQuery.builder().minDuration(Duration.ofSeconds(2)).maxDuration(Duration.ofSeconds(1))
                .build()).hasMessageStartingWith("minDuration");
        assertThatThrownBy(() -> SpanQuery.builder().minTraceDuration(Duration.ofSeconds(-1)).build())
                .hasMessageStartingWith("minTraceDuration");
        assertThatThrownBy(() -> SpanQuery.builder().traceId("nope").build()).hasMessageStartingWith("traceId");
    }

    @Test
    void parsesUnquotedValuesIntoEveryTypeTheyCanBe() {
        assertThat(AttributeFilter.parse("http.response.status_code=200").candidates()).containsExactly(200L, "200");
        assertThat(AttributeFilter.parse("cache.hit=true").candidates()).containsExactly(true, "true");
        assertThat(AttributeFilter.parse("ratio=0.5").candidates()).containsExactly(0.5, "0.5");
        assertThat(AttributeFilter.parse("code=\"200\"").candidates()).containsExactly("200");
        assertThat(AttributeFilter.parse("tenant=acme").candidates()).containsExactly("acme");
        assertThat(AttributeFilter.parse("big=123456789012345678901").candidates())
                .containsExactly(1.2345678901234568E20, "123456789012345678901");
    }

    @Test
    void parsesEveryOperatorAndScope() {
        assertThat(List.of("a=1", "a!=1", "a>1", "a>=1", "a<1", "a<=1", "a=~x.*", "a", "!a"))
                .map(text -> AttributeFilter.parse(text).operator())
                .containsExactly(Operator.EQUALS, Operator.NOT_EQUALS, Operator.GREATER_THAN, Operator.GREATER_OR_EQUAL,
                        Operator.LESS_THAN, Operator.LESS_OR_EQUAL, Operator.MATCHES, Operator.EXISTS, Operator.NOT_EXISTS);
        AttributeFilter resource = AttributeFilter.parse("resource.host.name=web-1");
        assertThat(resource.scope()).isEqualTo(Scope.RESOURCE);
        assertThat(resource.key()).isEqualTo("host.name");
        assertThat(AttributeFilter.parse("span.http.route=/a").scope()).isEqualTo(Scope.SPAN);
        assertThat(AttributeFilter.parse("url.query=a=b").candidates()).containsExactly("a=b");
        assertThat(AttributeFilter.parse("url.full=~.*\\?x=1").operator()).isEqualTo(Operator.MATCHES);
    }

    @Test
    void rejectsMalformedFilters() {
        assertThatThrownBy(() -> AttributeFilter.parse("")).hasMessageStartingWith("attr");
        assertThatThrownBy(() -> AttributeFilter.parse("=5")).hasMessageStartingWith("attr");
        assertThatThrownBy(() -> AttributeFilter.parse("a>abc")).hasMessageStartingWith("attr").hasMessageContaining("number");
        assertThatThrownBy(() -> AttributeFilter.parse("a=~[")).hasMessageStartingWith("attr")
                .hasMessageContaining("regular expression");
        assertThatThrownBy(() -> AttributeFilter.of("a", Operator.GREATER_THAN, "x")).hasMessageStartingWith("attr");
        assertThatThrownBy(() -> AttributeFilter.equalTo("a", new Object())).hasMessageStartingWith("attr");
        assertThat(AttributeFilter.equalTo("n", 5).candidates()).containsExactly(5L);
    }
}
