package dev.tracestore.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Prints one JSON document per call, followed by a newline, with the control characters escaped
 * ({@link TerminalText#escapeJson}): the CLI's JSON may well be printed to a terminal.
 *
 * <pre>{@code
 * new JsonPrinter(out).indented(json -> {
 *     json.writeStartObject();
 *     json.writeNumberField("spans", 42);
 *     json.writeEndObject();
 * });
 * }</pre>
 */
final class JsonPrinter {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** What one document holds. */
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private final PrintWriter out;

    JsonPrinter(PrintWriter out) {
        this.out = out;
    }

    /** Prints {@code body} indented, objects one field a line. */
    void indented(Body body) {
        print(true, body);
    }

    /** Prints {@code body} on one line (JSON lines). */
    void compact(Body body) {
        print(false, body);
    }

    private void print(boolean indented, Body body) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            if (indented) {
                json.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
            }
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(TerminalText.escapeJson(text.toString()));
    }
}
