package dev.tracestore.core.traceql;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.testing.TestSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What TraceQL queries answer on one hand-built trace: frontend -> orders -> db (failed), orders -> cache. */
class TraceQlSemanticsTest {

    private static final List<StoredSpan> TRACE = List.of(
            span(1, 0, "frontend", "http get /orders/{id}", SpanKind.SERVER, StatusCode.UNSET, 100,
                    Attributes.of(AttributeKey.stringKey("uri"), "/orders/{id}",
                            AttributeKey.stringKey("status"), "500")),
            span(2, 1, "orders", "find order", SpanKind.INTERNAL, StatusCode.UNSET, 60, Attributes.of(
                    AttributeKey.longKey("items"), 3L)),
            span(3, 2, "db", "select orders", SpanKind.CLIENT, StatusCode.ERROR, 40, Attributes.of(
                    AttributeKey.longKey("items"), 5L, AttributeKey.stringArrayKey("tags"), List.of("a", "b"))),
            span(4, 2, "cache", "get", SpanKind.CLIENT, StatusCode.OK, 2, Attributes.empty()));

    private static StoredSpan span(long id, long parent, String service, String name, SpanKind kind,
            StatusCode status, long millis, Attributes attributes) {
        long start = 1_000_000_000L * 1000 + id * 1_000_000;
        return TestSpans.span(1, id, start)
                .parentSpanId(parent == 0 ? "" : TestSpans.spanId(parent))
                .name(name)
                .kind(kind)
                .endEpochNanos(start + millis * 1_000_000)
                .status(status, status == StatusCode.ERROR ? "connection refused" : "")
                .attributes(attributes)
                .events(id == 3 ? List.of(new SpanEvent("exception", start + 5, Attributes.of(
                        AttributeKey.stringKey("exception.type"), "java.sql.SQLException"))) : List.of())
                .resource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)))
                .build();
    }

    private static List<String> names(String query) {
        return TraceQlQuery.parse(query).evaluate(TRACE).stream()
                .flatMap(set -> set.spans().stream()).map(m -> m.span().name()).toList();
    }

    @Test
    void filtersCompareAttributesAndIntrinsics() {
        assertThat(names("{ span.uri = \"/orders/{id}\" }")).containsExactly("http get /orders/{id}");
        assertThat(names("{ .items > 3 }")).containsExactly("select orders");
        assertThat(names("{ .items >= 3 && kind = client }")).containsExactly("select orders");
        assertThat(names("{ status = error }")).containsExactly("select orders");
        assertThat(names("{ duration > 50ms }")).containsExactly("http get /orders/{id}", "find order");
        assertThat(names("{ name =~ \"sel.*\" }")).containsExactly("select orders");
        assertThat(names("{ name =~ \"sel\" }")).as("regular expressions are anchored").isEmpty();
        assertThat(names("{ .items != 3 }")).as("spans lacking the attribute do not match !=")
                .containsExactly("select orders");
        assertThat(names("{ .items = nil }")).containsExactly("http get /orders/{id}", "get");
        assertThat(names("{ span.tags = \"b\" }")).containsExactly("select orders");
        assertThat(names("{ event.exception.type = \"java.sql.SQLException\" }")).containsExactly("select orders");
        assertThat(names("{ .service.name = \"cache\" }")).as("unscoped falls back to the resource")
                .containsExactly("get");
        assertThat(names("{ trace:rootService = \"frontend\" && span:childCount = 2 }")).containsExactly("find order");
        assertThat(names("{ .items = 3.0 }")).as("integers and floats compare numerically").containsExactly("find order");
        assertThat(names("{ .status = 500 }")).as("the string \"500\" is not the number 500").isEmpty();
    }

    @Test
    void structuralOperatorsAnswerTheRightSide() {
        assertThat(names("{ resource.service.name = \"frontend\" } >> { status = error }"))
                .containsExactly("select orders");
        assertThat(names("{ resource.service.name = \"frontend\" } > { status = error }")).isEmpty();
        assertThat(names("{ status = error } < { }")).containsExactly("find order");
        assertThat(names("{ status = error } << { }")).containsExactly("http get /orders/{id}", "find order");
        assertThat(names("{ status = error } ~ { }")).containsExactly("get");
        assertThat(names("{ } !< { }")).as("leaves").containsExactly("select orders", "get");
        assertThat(names("{ kind = server } !>> { }")).containsExactly("http get /orders/{id}");
        assertThat(names("{ status = error } && { kind = server }"))
                .containsExactly("http get /orders/{id}", "select orders");
        assertThat(names("{ status = error } && { name = \"nope\" }")).isEmpty();
    }

    @Test
    void pipelinesAggregateGroupAndSelect() {
        assertThat(names("{ kind = client } | count() = 2")).containsExactly("select orders", "get");
        assertThat(names("{ kind = client } | count() > 2")).isEmpty();
        assertThat(names("{ } | avg(.items) = 4")).hasSize(4);
        assertThat(names("{ } | max(duration) >= 100ms")).hasSize(4);
        List<Spanset> grouped = TraceQlQuery.parse("{ kind = client } | by(resource.service.name)").evaluate(TRACE);
        assertThat(grouped).extracting(set -> set.groupedBy().get("resource.service.name"))
                .containsExactly("db", "cache");
        List<Spanset> selected = TraceQlQuery.parse("{ status = error } | select(.items, status)").evaluate(TRACE);
        assertThat(selected.get(0).spans().get(0).selected()).containsEntry(".items", 5L)
                .containsEntry("status", "error");
    }
}
