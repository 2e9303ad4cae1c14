package io.timetracker.timer.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.util.LiquibaseUtil;
import org.junit.jupiter.api.Test;

/** deploy/local/bin/db.sh must run the Liquibase version the service runs at start. */
class LiquibaseToolingVersionTest {

  private static final Path TOOLING_POM = Path.of("../deploy/local/liquibase/pom.xml");

  @Test
  void localToolingPinsTheLiquibaseVersionOfTheQuarkusBom() throws Exception {
    String pom = Files.readString(TOOLING_POM);
    Matcher version =
        Pattern.compile("<liquibase.version>([^<]+)</liquibase.version>").matcher(pom);

    assertThat(version.find()).as("liquibase.version in %s", TOOLING_POM).isTrue();
    assertThat(version.group(1)).isEqualTo(LiquibaseUtil.getBuildVersion());
  }
}
