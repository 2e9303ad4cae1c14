package io.timetracker.connector.kit.signature;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Immutable HTTP headers looked up case-insensitively: {@code X-GitHub-Event}, {@code
 * x-github-event} and {@code X-Github-Event} are one header (the original's case-sensitive lookup
 * rejected every real delivery, spec K.1 #1). Values of names that differ only in case are merged.
 */
public final class Headers {

  private static final Headers EMPTY = new Headers(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

  private final Map<String, List<String>> values;

  private Headers(TreeMap<String, List<String>> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** No headers. */
  public static Headers empty() {
    return EMPTY;
  }

  /** From a multi-valued map such as JAX-RS {@code HttpHeaders#getRequestHeaders()}. */
  public static Headers of(Map<String, ? extends Collection<String>> headers) {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach(
          (name, list) -> {
            if (name != null && list != null) {
              List<String> target = copy.computeIfAbsent(name, n -> new ArrayList<>());
              list.stream().filter(v -> v != null).forEach(target::add);
            }
          });
    }
    copy.replaceAll((name, list) -> List.copyOf(list));
    return new Headers(copy);
  }

  /** From a single-valued map, for tests and simple callers. */
  public static Headers ofSingle(Map<String, String> headers) {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach(
          (name, value) -> {
            if (name != null && value != null) {
              copy.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
          });
    }
    copy.replaceAll((name, list) -> List.copyOf(list));
    return new Headers(copy);
  }

  /** The first value of the header, whatever the case of {@code name}. */
  public Optional<String> first(String name) {
    List<String> list = name == null ? null : values.get(name);
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  /** The first value, or {@code null}. */
  public String firstOrNull(String name) {
    return first(name).orElse(null);
  }

  /** Every value of the header, whatever the case of {@code name}; empty if absent. */
  public List<String> all(String name) {
    return name == null ? List.of() : values.getOrDefault(name, List.of());
  }

  /** Header names as first seen. */
  public Set<String> names() {
    return values.keySet();
  }
}
