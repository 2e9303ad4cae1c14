package io.timetracker.timer.rest;

import io.timetracker.timer.service.ApiException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses query and header parameters so that an unparsable value is a 400 naming the parameter;
 * JAX-RS would answer 404 for a bad query parameter, which hides the caller's mistake.
 */
@Provider
public class ParamConverters implements ParamConverterProvider {
  private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
  private static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1);
  private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

  private record Parser(Function<String, Object> parse, String expected) {}

  private static final Map<Class<?>, Parser> PARSERS =
      Map.of(
          Instant.class,
          new Parser(
              v -> inRange(Instant.parse(v), EARLIEST, LATEST),
              "must be an ISO-8601 instant like 2024-01-31T09:00:00Z, in the years 1900 to 9999"),
          LocalDate.class,
          new Parser(
              v -> inRange(LocalDate.parse(v), FIRST_DAY, LAST_DAY),
              "must be a date like 2024-01-31, in the years 1900 to 9999"),
          Long.class,
          new Parser(Long::valueOf, "must be a whole number"),
          long.class,
          new Parser(Long::valueOf, "must be a whole number"),
          Integer.class,
          new Parser(Integer::valueOf, "must be a whole number"),
          int.class,
          new Parser(Integer::valueOf, "must be a whole number"));

  /** Dates and instants outside the years 1900-9999 are typos, and beyond what SQL stores. */
  private static <C extends Comparable<? super C>> C inRange(C value, C first, C last) {
    if (value.compareTo(first) < 0 || value.compareTo(last) > 0) {
      throw new IllegalArgumentException("out of range");
    }
    return value;
  }

  @Override
  public <T> ParamConverter<T> getConverter(
      Class<T> rawType, Type genericType, Annotation[] annotations) {
    Parser parser = PARSERS.get(rawType);
    String name = name(annotations);
    if (parser == null || name == null) {
      return null;
    }
    return new ParamConverter<>() {
      @Override
      @SuppressWarnings("unchecked")
      public T fromString(String value) {
        if (value == null) {
          return null;
        }
        try {
          return (T) parser.parse().apply(value.trim());
        } catch (RuntimeException e) {
          // a WebApplicationException passes the parameter handler unchanged
          throw new WebApplicationException(
              ApiException.invalidField(name, parser.expected()), 400);
        }
      }

      @Override
      public String toString(T value) {
        return value == null ? null : value.toString();
      }
    };
  }

  private static String name(Annotation[] annotations) {
    if (annotations == null) {
      return null;
    }
    for (Annotation a : annotations) {
      if (a instanceof QueryParam q) {
        return q.value();
      }
      if (a instanceof HeaderParam h) {
        return h.value();
      }
    }
    return null;
  }
}
