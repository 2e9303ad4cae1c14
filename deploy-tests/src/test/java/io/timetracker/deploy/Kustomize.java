package io.timetracker.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code kubectl kustomize} (kubectl from system property {@code kubectl}, default on the
 * PATH). A machine without kubectl fails these tests with an instruction, never skips them.
 */
final class Kustomize {

  private Kustomize() {}

  static String build(Path dir) {
    String kubectl = System.getProperty("kubectl", "kubectl");
    Process process;
    try {
      process =
          new ProcessBuilder(kubectl, "kustomize", dir.toString())
              .redirectErrorStream(false)
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run '"
              + kubectl
              + "': the render tests need kubectl 1.27 or newer (its built-in kustomize v5)."
              + " Install it, or pass -Dkubectl=/path/to/kubectl. "
              + e.getMessage(),
          e);
    }
    try {
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      byte[] err = process.getErrorStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "kubectl kustomize "
                + dir
                + " failed (exit "
                + process.exitValue()
                + "): "
                + new String(err, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("reading kubectl's output failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering " + dir, e);
    }
  }
}
