package io.timetracker.connector.kit.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.ExtLogRecord.FormatStyle;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

class SecretMaskingFilterTest {

  private static final String TOKEN = "ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789";
  private final SecretMaskingFilter filter = new SecretMaskingFilter();

  @Test
  void rewritesAPrintfRecordWithATokenInMessageAndParameters() {
    ExtLogRecord record =
        new ExtLogRecord(
            Level.INFO,
            "calling GitHub with " + TOKEN + " for %s as %s",
            FormatStyle.PRINTF,
            getClass().getName());
    record.setParameters(new Object[] {"octocat/hello", new Holder("Bearer " + TOKEN)});

    boolean loggable = filter.isLoggable(record);

    assertThat(loggable).isTrue();
    assertThat(formatted(record))
        .isEqualTo("calling GitHub with ghp_…6789 for octocat/hello as holder[Bearer ghp_…6789]")
        .doesNotContain("abcdefghijklmnop");
  }

  @Test
  void rewritesAMessageFormatRecord() {
    ExtLogRecord record =
        new ExtLogRecord(Level.WARNING, "token {0} rejected", FormatStyle.MESSAGE_FORMAT, "x");
    record.setParameters(new Object[] {"xoxb-" + "1234567890-abcdefghijklmnop"});

    filter.isLoggable(record);

    assertThat(formatted(record)).isEqualTo("token xoxb-…mnop rejected");
  }

  @Test
  void leavesARecordWithoutSecretsAsItWas() {
    ExtLogRecord record = new ExtLogRecord(Level.INFO, "synced %d issues", FormatStyle.PRINTF, "x");
    record.setParameters(new Object[] {3});

    filter.isLoggable(record);

    assertThat(record.getMessage()).isEqualTo("synced %d issues");
    assertThat(record.getParameters()).containsExactly(3);
    assertThat(record.getFormatStyle()).isEqualTo(FormatStyle.PRINTF);
  }

  @Test
  void rewritesMessageAndParametersOfAPlainJulRecord() {
    LogRecord record = new LogRecord(Level.INFO, "token " + TOKEN + " used by {0} with {1}");
    record.setParameters(new Object[] {"octocat", new Holder(TOKEN), 7});

    filter.isLoggable(record);

    assertThat(record.getMessage()).isEqualTo("token ghp_…6789 used by {0} with {1}");
    assertThat(record.getParameters()).containsExactly("octocat", "holder[ghp_…6789]", 7);
  }

  @Test
  void masksTheTextOfALoggedExceptionAndItsCause() {
    LogRecord record = new LogRecord(Level.SEVERE, "sync failed");
    IllegalStateException cause =
        new IllegalStateException("refresh with 1//0gAbCdEfGhIjKlMnOpQrSt");
    RuntimeException thrown = new RuntimeException("401 for " + TOKEN, cause);
    record.setThrown(thrown);

    filter.isLoggable(record);

    Throwable masked = record.getThrown();
    assertThat(masked.toString()).isEqualTo("java.lang.RuntimeException: 401 for ghp_…6789");
    assertThat(masked.getCause().toString())
        .isEqualTo("java.lang.IllegalStateException: refresh with 1//…QrSt");
    assertThat(masked.getStackTrace()).isEqualTo(thrown.getStackTrace());
  }

  @Test
  void keepsAnExceptionWithoutSecrets() {
    LogRecord record = new LogRecord(Level.SEVERE, "x");
    RuntimeException thrown = new RuntimeException("core answered 503");
    record.setThrown(thrown);

    filter.isLoggable(record);

    assertThat(record.getThrown()).isSameAs(thrown);
  }

  private record Holder(String value) {
    @Override
    public String toString() {
      return "holder[" + value + "]";
    }
  }

  private static String formatted(ExtLogRecord record) {
    return new PatternFormatter("%s").format(record);
  }
}
