package io.timetracker.timer.service;

/**
 * Text cells of the CSV export, safe to open in a spreadsheet: following OWASP's CSV-injection
 * guidance, a cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return is prefixed with a single quote, so Excel, LibreOffice and Google Sheets show it as text
 * instead of running it as a formula. The raw form keeps every value exactly, for programs that
 * read the export back.
 */
final class CsvCells {
  private CsvCells() {}

  /** The cell for a text value: empty for null, neutralised unless {@code raw}. */
  static String text(String value, boolean raw) {
    if (value == null) {
      return "";
    }
    return raw || !startsLikeAFormula(value) ? value : "'" + value;
  }

  static boolean startsLikeAFormula(String value) {
    if (value.isEmpty()) {
      return false;
    }
    char first = value.charAt(0);
    return first == '='
        || first == '+'
        || first == '-'
        || first == '@'
        || first == '\t'
        || first == '\r';
  }
}
