package io.timetracker.connector.kit.inbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IncomingDeliveryTest {

  @Test
  void rejectsWhatTheTableCannotHold() {
    assertThatThrownBy(
            () -> new IncomingDelivery("github", " ", null, "issues", null, new byte[0], null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new IncomingDelivery(
                    "github", "x".repeat(129), null, "issues", null, new byte[0], null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IncomingDelivery("github", "d", null, "issues", null, null, null))
        .isInstanceOf(NullPointerException.class);
  }
}
