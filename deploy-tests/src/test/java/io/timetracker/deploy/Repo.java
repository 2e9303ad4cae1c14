package io.timetracker.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Paths of the repository these tests check (system property {@code repo.root}, set by the POM).
 */
final class Repo {

  private Repo() {}

  static Path root() {
    String root = System.getProperty("repo.root");
    if (root == null) {
      throw new IllegalStateException("system property repo.root is not set (run through Maven)");
    }
    return Path.of(root).toAbsolutePath().normalize();
  }

  static Path path(String first, String... more) {
    return root().resolve(Path.of(first, more));
  }

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }
}
