package io.timetracker.timer.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which text cells the CSV export neutralises (OWASP CSV injection). */
class CsvCellsTest {

  @Test
  void prefixesEveryFormulaTriggerWithAQuote() {
    for (String value : new String[] {"=1+1", "+1", "-1", "@A1", "\tx", "\r=1"}) {
      assertThat(CsvCells.text(value, false)).isEqualTo("'" + value);
    }
  }

  @Test
  void keepsOtherCellsAndRawCellsAsTheyAre() {
    assertThat(CsvCells.text("a=b", false)).isEqualTo("a=b");
    assertThat(CsvCells.text("", false)).isEmpty();
    assertThat(CsvCells.text(null, false)).isEmpty();
    assertThat(CsvCells.text("=1+1", true)).isEqualTo("=1+1");
  }
}
