package io.timetracker.timer.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/migrations.md} quotes changeset counts and release tags in its examples: they must be
 * those of the real changelog, so a new changeset cannot leave the guide stale.
 */
class MigrationsDocTest {
  private static final Path CHANGELOG = Path.of("src/main/resources/db/changelog");
  private static final Pattern INCLUDE = Pattern.compile("<include file=\"(changes/[^\"]+)\"");
  private static final Pattern TAG = Pattern.compile("<tagDatabase tag=\"([^\"]+)\"");

  @Test
  void quotesTheChangesetCountsAndTagsOfTheRealChangelog() throws IOException {
    List<String> files = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    int total = 0;
    int baseline = -1;
    Matcher include =
        INCLUDE.matcher(Files.readString(CHANGELOG.resolve("db.changelog-master.xml")));
    while (include.find()) {
      String xml = Files.readString(CHANGELOG.resolve(include.group(1)));
      files.add(include.group(1).substring("changes/".length()));
      total += count(xml, "<changeSet ");
      Matcher tag = TAG.matcher(xml);
      while (tag.find()) {
        tags.add(tag.group(1));
        if (baseline < 0) {
          baseline = total;
        }
      }
    }
    String doc = Files.readString(Path.of("../docs/migrations.md"));
    String latest = tags.get(tags.size() - 1);

    for (String file : files) {
      assertThat(doc).as("the changelog table lists %s", file).contains("| `" + file + "` |");
    }
    assertThat(doc)
        .contains(total + " changesets have not been applied to timer@")
        .contains("Previously run: " + total + "`")
        .contains("Run:                         " + total)
        .contains("# " + (total - baseline) + " changesets have not been applied")
        .contains("# Run: " + (total - baseline))
        .contains("(now `" + latest + "`)")
        .contains("already carries tag '" + latest + "'")
        .contains("(`" + String.join("`, `", tags) + "`)");
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
