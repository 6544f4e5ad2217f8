package dev.tracestore.core.query;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParametersTest {

    @Test
    void readsEveryParameter() {
        SpanQuery query = QueryParameters.parse(Map.ofEntries(
                Map.entry("traceId", List.of("4bf92f3577b34da6a3ce929d0e0e4736")),
                Map.entry("service", List.of("shop")),
                Map.entry("name", List.of("GET /orders")),
                Map.entry("kind", List.of("server")),
                Map.entry("status", List.of("STATUS_CODE_ERROR")),
                Map.entry("errorType", List.of("java.io.IOException")),
                Map.entry("failed", List.of("true")),
                Map.entry("attr", List.of("tenant.id=42", "http.response.status_code>=500")),
                Map.entry("from", List.of("2026-11-25T10:00:00Z")),
                Map.entry("to", List.of("2026-11-25T12:00:00+01:00")),
                Map.entry("minDuration", List.of("250ms")),
                Map.entry("maxDuration", List.of("PT2S")),
                Map.entry("minTraceDuration", List.of("1s")),
                Map.entry("maxTraceDuration", List.of("1d")),
                Map.entry("limit", List.of("20")),
                Map.entry("order", List.of("longest"))));

        assertThat(query.traceId()).hasValue("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(query.spanName()).hasValue("GET /orders");
        assertThat(query.kind()).hasValue(SpanKind.SERVER);
        assertThat(query.status()).hasValue(StatusCode.ERROR);
        assertThat(query.failedOnly()).isTrue();
        assertThat(query.attributes()).hasSize(2);
        assertThat(query.from()).hasValue(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(query.to()).hasValue(Instant.parse("2026-11-25T11:00:00Z"));
        assertThat(query.minDuration()).hasValue(Duration.ofMillis(250));
        assertThat(query.maxTraceDuration()).hasValue(Duration.ofDays(1));
        assertThat(query.limit()).isEqualTo(20);
        assertThat(query.order()).isEqualTo(SpanOrder.LONGEST_FIRST);
    }

    @ParameterizedTest
    @CsvSource({"250ms,PT0.25S", "2s,PT2S", "15m,PT15M", "2h,PT2H", "1d,PT24H", "500us,PT0.0005S", "7ns,PT0.000000007S",
            "pt2h,PT2H", "0s,PT0S"})
    void readsDurations(String text, String expected) {
        assertThat(QueryParameters.duration(text, "lookback")).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "limit|0|limit must be a whole number from 1 to 10000",
            "limit|10001|limit must be a whole number",
            "limit|abc|limit must be a whole number",
            "lookback|2x|lookback must be a duration",
            "lookback|-5m|lookback must be a duration",
            "lookback|999999999999999999d|lookback must be a duration",
            "minDuration|PT-1S|minDuration must be a duration",
            "from|yesterday|from must be an ISO-8601 time",
            "status|broken|status must be one of unset, ok, error",
            "kind|weird|kind must be one of internal, server, client, producer, consumer",
            "order|random|order must be one of newest, oldest, longest",
            "failed|yes|failed must be true or false",
            "attr|a>b|attr: operator > needs a number",
            "traceId|xyz|traceId must be 32 lowercase hex characters",
            "bogus|1|bogus is not a query parameter"})
    void namesTheBadParameter(String name, String value, String message) {
        assertThatThrownBy(() -> QueryParameters.parse(Map.of(name, List.of(value))))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo(name))
                .hasMessageStartingWith(message);
    }

    @Test
    void namesTheFieldOfCrossParameterErrorsAndRepeatedParameters() {
        assertThatThrownBy(() -> QueryParameters.parse(Map.of("from", List.of("2026-11-25T12:00:00Z"),
                "to", List.of("2026-11-25T10:00:00Z"))))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("from"));
        assertThatThrownBy(() -> QueryParameters.parse(Map.of("lookback", List.of("1h"), "from",
                List.of("2026-11-25T10:00:00Z"))))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("lookback"));
        assertThatThrownBy(() -> QueryParameters.parse(Map.of("limit", List.of("1", "2"))))
                .hasMessage("limit may be given once, but was given 2 times");
    }
}
