package dev.tracestore.autoconfigure;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.convert.ApplicationConversionService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The IDE metadata that spring-boot-configuration-processor generates (merged with
 * {@code additional-spring-configuration-metadata.json}) documents every {@code tracestore.*} property with its
 * real default, and {@code docs/configuration.md} shows exactly that metadata.
 */
class ConfigurationMetadataTests {

    /** Properties that are unset by default; the description says what unset means. */
    private static final Set<String> WITHOUT_DEFAULT = Set.of("tracestore.max-age", "tracestore.max-file-age",
            "tracestore.redact");

    private static final Path DOCS = Path.of("..", "docs", "configuration.md");
    private static final String TABLE_START = "<!-- generated from the configuration metadata: start -->";
    private static final String TABLE_END = "<!-- generated from the configuration metadata: end -->";

    private static Map<String, JsonNode> properties;
    private static Map<String, List<String>> hintValues;

    @BeforeAll
    static void readMetadata() throws IOException, URISyntaxException {
        Path classes = Path.of(TraceStoreProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JsonNode metadata = JsonMapper.builder().build()
                .readTree(classes.resolve("META-INF/spring-configuration-metadata.json").toFile());
        properties = new LinkedHashMap<>();
        for (JsonNode property : metadata.get("properties")) {
            if (property.get("name").asString().startsWith("tracestore.")) {
                properties.put(property.get("name").asString(), property);
            }
        }
        hintValues = new LinkedHashMap<>();
        for (JsonNode hint : metadata.get("hints")) {
            List<String> values = new ArrayList<>();
            hint.get("values").forEach(value -> values.add(value.get("value").asString()));
            hintValues.put(hint.get("name").asString(), values);
        }
    }

    @Test
    void everyPropertyHasADescriptionAndItsRealDefault() {
        List<String> names = new ArrayList<>();
        checkProperties("tracestore.", new TraceStoreProperties(), names);
        assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(properties.get("tracestore.exclude").get("defaultValue").get(0).asString())
                .isEqualTo("/actuator/**");
        assertThat(hintValues.get("tracestore.capture")).containsExactly("all", "sampled");
    }

    /** Checks the properties of one bean, and of the nested groups it holds (getter only, a type of this package). */
    private static void checkProperties(String prefix, Object defaults, List<String> names) {
        BeanWrapper bean = PropertyAccessorFactory.forBeanPropertyAccess(defaults);
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(defaults.getClass())) {
            String name = prefix + kebabCase(descriptor.getName());
            if (descriptor.getWriteMethod() == null) {
                Class<?> type = descriptor.getPropertyType();
                boolean group = type != null && !type.isEnum()
                        && type.getPackage() == TraceStoreProperties.class.getPackage();
                if (group) {
                    checkProperties(name + ".", bean.getPropertyValue(descriptor.getName()), names);
                }
                continue;
            }
            names.add(name);
            JsonNode property = properties.get(name);
            assertThat(property).as(name + " in the metadata").isNotNull();
            assertThat(property.path("description").asString("")).as(name + " description").isNotBlank();
            Object value = bean.getPropertyValue(descriptor.getName());
            JsonNode defaultValue = property.get("defaultValue");
            if (WITHOUT_DEFAULT.contains(name)) {
                assertThat(value).as(name + " default").isNull();
                assertThat(defaultValue).as(name + " metadata default").isNull();
            } else if (value == null) {
                // Computed at startup; the metadata names the value it takes with Actuator's default paths.
                assertThat(defaultValue).as(name + " metadata default").isNotNull();
            } else {
                assertThat(defaultValue).as(name + " metadata default").isNotNull();
                Object converted = ApplicationConversionService.getSharedInstance()
                        .convert(defaultValue.isString() ? defaultValue.asString() : defaultValue.toString(),
                                descriptor.getPropertyType());
                assertThat(converted).as(name + " metadata default").isEqualTo(value);
            }
        }
    }

    @Test
    void docsConfigurationShowsTheMetadata() throws IOException {
        String docs = Files.readString(DOCS);
        String expected = table();
        int start = docs.indexOf(TABLE_START);
        int end = docs.indexOf(TABLE_END);
        assertThat(start).as("start marker in " + DOCS).isNotNegative();
        assertThat(end).as("end marker in " + DOCS).isGreaterThan(start);
        String actual = docs.substring(start + TABLE_START.length(), end).strip();
        if (!actual.equals(expected)) {
            Path generated = Path.of("target", "configuration-table.md");
            Files.writeString(generated, expected + "\n");
            fail(DOCS + " is out of date with the configuration metadata: replace its table with "
                    + generated.toAbsolutePath());
        }
    }

    /** The table of docs/configuration.md: one row per property, as the metadata says. */
    private static String table() {
        List<String> rows = new ArrayList<>();
        rows.add("| property | type | default | description |");
        rows.add("|---|---|---|---|");
        properties.values().forEach(property -> {
            String name = property.get("name").asString();
            rows.add("| `" + name + "` | " + type(name, property.get("type").asString()) + " | "
                    + defaultValue(property.get("defaultValue")) + " | "
                    + escape(property.get("description").asString()) + " |");
        });
        return String.join("\n", rows);
    }

    private static String type(String name, String javaType) {
        if (hintValues.containsKey(name) && !javaType.startsWith("java.")) {
            return hintValues.get(name).stream().map(value -> "`" + value + "`").collect(Collectors.joining(", "));
        }
        return javaType.replaceAll("[a-z]+\\.", "").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String defaultValue(JsonNode defaultValue) {
        if (defaultValue == null) {
            return "(unset)";
        }
        if (defaultValue.isArray()) {
            List<String> values = new ArrayList<>();
            defaultValue.forEach(value -> values.add(value.asString()));
            return "`" + String.join(",", values) + "`";
        }
        return "`" + (defaultValue.isString() ? defaultValue.asString() : defaultValue.toString()) + "`";
    }

    /** Markdown would read '*' as emphasis and '|' as a cell border. */
    private static String escape(String text) {
        return text.replace("|", "\\|").replace("*", "\\*");
    }

    private static String kebabCase(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
