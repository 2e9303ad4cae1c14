package io.timetracker.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runnable service of the reactor (a module with {@code quarkus.http.port} in its
 * application.properties) and what its production profile reads from the environment.
 *
 * @param name the module's directory and artifact name
 * @param httpPort {@code quarkus.http.port}
 * @param envReads every {@code ${VAR}} a key effective in {@code %prod} refers to; each entry lists
 *     the alternatives of one reference ({@code ${A:${B:x}}} is satisfied by A or B)
 */
record ServiceModule(String name, int httpPort, List<Set<String>> envReads) {

  private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

  /** The service modules listed in the root POM's modules, in POM order. */
  static List<ServiceModule> all() {
    Matcher m = MODULE.matcher(Repo.read(Repo.path("pom.xml")));
    List<ServiceModule> services = new ArrayList<>();
    while (m.find()) {
      Path props = Repo.path(m.group(1), "src", "main", "resources", "application.properties");
      if (Files.isRegularFile(props)) {
        Properties p = load(props);
        String port = prodValue(p, "quarkus.http.port");
        if (port != null) {
          services.add(new ServiceModule(m.group(1), Integer.parseInt(port.trim()), envReads(p)));
        }
      }
    }
    return services;
  }

  static Properties load(Path file) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(Files.readString(file)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
    return p;
  }

  /** The value a key has in the prod profile: {@code %prod.key} wins over {@code key}. */
  static String prodValue(Properties p, String key) {
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith("%") && k.endsWith("." + key) && profiles(k).contains("prod")) {
        String rest = k.substring(k.indexOf('.') + 1);
        if (rest.equals(key)) {
          return p.getProperty(k);
        }
      }
    }
    return p.getProperty(key);
  }

  private static Set<String> profiles(String key) {
    return Set.of(key.substring(1, key.indexOf('.')).split(","));
  }

  /** Environment references of every key effective in the prod profile. */
  static List<Set<String>> envReads(Properties p) {
    Set<String> keys = new LinkedHashSet<>();
    for (String k : p.stringPropertyNames()) {
      if (!k.startsWith("%")) {
        keys.add(k);
      } else if (profiles(k).contains("prod")) {
        keys.add(k.substring(k.indexOf('.') + 1));
      }
    }
    List<Set<String>> reads = new ArrayList<>();
    for (String key : keys) {
      reads.addAll(references(prodValue(p, key)));
    }
    return reads;
  }

  /**
   * The environment references in one value. {@code ${NAME:default}} may nest in its default;
   * property references ({@code ${quarkus.x}}) are not environment variables and are left out.
   */
  static List<Set<String>> references(String value) {
    List<Set<String>> refs = new ArrayList<>();
    int i = value.indexOf("${");
    while (i >= 0) {
      int end = closing(value, i + 2);
      Set<String> chain = chain(value.substring(i + 2, end));
      if (!chain.isEmpty()) {
        refs.add(chain);
      }
      i = value.indexOf("${", end + 1);
    }
    return refs;
  }

  private static Set<String> chain(String expression) {
    Set<String> names = new LinkedHashSet<>();
    String rest = expression;
    while (rest != null) {
      int colon = rest.indexOf(':');
      String name = colon < 0 ? rest : rest.substring(0, colon);
      if (ENV_NAME.matcher(name).matches()) {
        names.add(name);
      }
      String fallback = colon < 0 ? null : rest.substring(colon + 1);
      rest =
          fallback != null && fallback.startsWith("${") && fallback.endsWith("}")
              ? fallback.substring(2, fallback.length() - 1)
              : null;
    }
    return names;
  }

  private static int closing(String value, int from) {
    int depth = 1;
    for (int j = from; j < value.length(); j++) {
      if (value.startsWith("${", j)) {
        depth++;
        j++;
      } else if (value.charAt(j) == '}' && --depth == 0) {
        return j;
      }
    }
    throw new IllegalArgumentException("unclosed ${ in: " + value);
  }
}
