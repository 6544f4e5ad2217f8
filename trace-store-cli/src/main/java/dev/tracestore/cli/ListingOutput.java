package dev.tracestore.cli;

import dev.tracestore.core.store.Listing;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Prints the listings as a table or as one JSON object shaped like the endpoint's answer
 * ({@code {"services": [{"name": ..., "spans": ...}]}}); both escape what a terminal would obey.
 */
final class ListingOutput {

    private final PrintWriter out;
    private final boolean json;
    private final Style style;
    private final int width;

    ListingOutput(PrintWriter out, boolean json, Style style, int width) {
        this.out = out;
        this.json = json;
        this.style = style;
        this.width = width;
    }

    void services(List<Listing.Service> services) {
        if (json) {
            json(json -> {
                json.writeArrayFieldStart("services");
                for (Listing.Service service : services) {
                    json.writeStartObject();
                    json.writeStringField("name", service.name());
                    json.writeNumberField("spans", service.spans());
                    json.writeEndObject();
                }
                json.writeEndArray();
            });
            return;
        }
        Table table = new Table(List.of(Table.Column.left("SERVICE", 60), Table.Column.right("SPANS")));
        services.forEach(service -> table.add(UnaryOperator.identity(), service.name(),
                Long.toString(service.spans())));
        table.print(out, style, width);
    }

    void operations(String service, List<Listing.Operation> operations) {
        if (json) {
            json(json -> {
                json.writeStringField("service", service);
                json.writeArrayFieldStart("operations");
                for (Listing.Operation operation : operations) {
                    json.writeStartObject();
                    json.writeStringField("name", operation.name());
                    json.writeStringField("kind", lower(operation.kind()));
                    json.writeNumberField("spans", operation.spans());
                    json.writeEndObject();
                }
                json.writeEndArray();
            });
            return;
        }
        Table table = new Table(List.of(Table.Column.left("KIND", 8), Table.Column.right("SPANS"),
                Table.Column.left("OPERATION", Integer.MAX_VALUE)));
        operations.forEach(operation -> table.add(UnaryOperator.identity(), lower(operation.kind()),
                Long.toString(operation.spans()), operation.name()));
        table.print(out, style, width);
    }

    void keys(List<Listing.Key> keys) {
        if (json) {
            json(json -> {
                json.writeArrayFieldStart("keys");
                for (Listing.Key key : keys) {
                    json.writeStartObject();
                    json.writeStringField("scope", lower(key.scope()));
                    json.writeStringField("key", key.key());
                    json.writeArrayFieldStart("types");
                    for (String type : types(key)) {
                        json.writeString(type);
                    }
                    json.writeEndArray();
                    json.writeNumberField("spans", key.spans());
                    json.writeEndObject();
                }
                json.writeEndArray();
            });
            return;
        }
        Table table = new Table(List.of(Table.Column.left("SCOPE", 16), Table.Column.right("SPANS"),
                Table.Column.left("TYPES", 30), Table.Column.left("KEY (attr=<scope>.<key>)", Integer.MAX_VALUE)));
        keys.forEach(key -> table.add(UnaryOperator.identity(), lower(key.scope()), Long.toString(key.spans()),
                String.join(",", types(key)), key.key()));
        table.print(out, style, width);
    }

    void values(String key, List<Listing.Value> values) {
        if (json) {
            json(json -> {
                json.writeStringField("key", key);
                json.writeArrayFieldStart("values");
                for (Listing.Value value : values) {
                    json.writeStartObject();
                    json.writeStringField("scope", lower(value.scope()));
                    json.writeFieldName("value");
                    if (value.value() instanceof Long number) {
                        json.writeNumber(number);
                    } else if (value.value() instanceof Double number) {
                        json.writeNumber(number);
                    } else if (value.value() instanceof Boolean bool) {
                        json.writeBoolean(bool);
                    } else {
                        json.writeString(String.valueOf(value.value()));
                    }
                    json.writeNumberField("spans", value.spans());
                    json.writeEndObject();
                }
                json.writeEndArray();
            });
            return;
        }
        Table table = new Table(List.of(Table.Column.left("SCOPE", 16), Table.Column.right("SPANS"),
                Table.Column.left("VALUE", Integer.MAX_VALUE)));
        values.forEach(value -> table.add(UnaryOperator.identity(), lower(value.scope()),
                Long.toString(value.spans()), String.valueOf(value.value())));
        table.print(out, style, width);
    }

    private static List<String> types(Listing.Key key) {
        return key.types().stream().map(ListingOutput::lower).sorted().toList();
    }

    private static String lower(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** Prints one indented object with the fields {@code fields} writes. */
    private void json(JsonPrinter.Body fields) {
        new JsonPrinter(out).indented(json -> {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        });
    }
}
