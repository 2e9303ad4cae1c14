package io.timetracker.connector.kit.masking;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * A log filter that masks credentials in every record it sees (message, parameters, exception text)
 * and never drops one. A connector turns it on per handler:
 *
 * <pre>
 *   quarkus.log.console.filter=secret-masking
 *   quarkus.log.file.filter=secret-masking
 * </pre>
 */
@LoggingFilter(name = "secret-masking")
public final class SecretMaskingFilter implements Filter {

  /** Formats a record's message (printf, MessageFormat or none) as the log handlers will. */
  private static final ExtFormatter MESSAGES =
      new ExtFormatter() {
        @Override
        public String format(ExtLogRecord record) {
          return formatMessage(record);
        }
      };

  @Override
  public boolean isLoggable(LogRecord record) {
    try {
      if (record instanceof ExtLogRecord ext) {
        maskFormatted(ext);
      } else {
        maskParts(record);
      }
      Throwable thrown = record.getThrown();
      if (thrown != null) {
        record.setThrown(MaskedThrowable.mask(thrown));
      }
    } catch (RuntimeException e) {
      // a filter must never break logging; the record goes out as it was
    }
    return true;
  }

  /**
   * JBoss records carry a format style (printf or MessageFormat): mask the formatted text and
   * replace message and parameters by it, so objects whose {@code toString()} holds a token are
   * covered too.
   */
  private static void maskFormatted(ExtLogRecord record) {
    String formatted = MESSAGES.formatMessage(record);
    String masked = SecretMasker.mask(formatted);
    if (masked != null && !masked.equals(formatted)) {
      record.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
      record.setParameters(null);
    }
  }

  private static void maskParts(LogRecord record) {
    record.setMessage(SecretMasker.mask(record.getMessage()));
    Object[] params = record.getParameters();
    if (params == null) {
      return;
    }
    Object[] copy = params.clone();
    boolean changed = false;
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] != null) {
        String text = String.valueOf(copy[i]);
        String masked = SecretMasker.mask(text);
        if (!masked.equals(text)) {
          copy[i] = masked;
          changed = true;
        }
      }
    }
    if (changed) {
      record.setParameters(copy);
    }
  }
}
