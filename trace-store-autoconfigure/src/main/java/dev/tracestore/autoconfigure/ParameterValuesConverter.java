package dev.tracestore.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

import java.util.Collection;
import java.util.Set;

/**
 * Hands the {@code traces} endpoint its query parameters unchanged as {@link ParameterValues}. Actuator passes a
 * parameter given once as a {@code String} and a repeated one as a list of {@code String}s; Boot's own converters
 * would split the first at commas and keep only the first element of the second.
 */
final class ParameterValuesConverter implements GenericConverter {

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, ParameterValues.class),
                new ConvertiblePair(Collection.class, ParameterValues.class));
    }

    @Override
    public @Nullable Object convert(@Nullable Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source instanceof Collection<?> values) {
            return new ParameterValues(values.stream().map(String::valueOf).toList());
        }
        return (source != null) ? ParameterValues.of(source.toString()) : null;
    }
}
