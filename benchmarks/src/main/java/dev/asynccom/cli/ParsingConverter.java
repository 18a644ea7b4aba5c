package dev.asynccom.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.function.Function;

/**
 * An option value read by a parser of the library's own, whose {@link IllegalArgumentException} sentence
 * becomes picocli's conversion error, so a bad value ends through {@link CliErrors} like any usage error.
 * Subclasses (picocli instantiates them by class) only name the parser.
 */
abstract class ParsingConverter<T> implements ITypeConverter<T> {
    private final Function<String, T> parser;

    ParsingConverter(Function<String, T> parser) {
        this.parser = parser;
    }

    @Override
    public final T convert(String value) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
