package io.coxswain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuantityTest {
  @Test
  void parsesSuffixes() {
    assertThat(Quantity.parse("100m").milliValue()).isEqualTo(100);
    assertThat(Quantity.parse("100m").value()).isEqualTo(1);
    assertThat(Quantity.parse("1").milliValue()).isEqualTo(1000);
    assertThat(Quantity.parse("128Mi").value()).isEqualTo(128L * 1024 * 1024);
    assertThat(Quantity.parse("1G").value()).isEqualTo(1_000_000_000L);
    assertThat(Quantity.parse("1e3").value()).isEqualTo(1000);
    assertThat(Quantity.parse("1E3").value()).isEqualTo(1000);
    assertThat(Quantity.parse("1E").value()).isEqualTo(1_000_000_000_000_000_000L);
    assertThat(Quantity.parse("1.5Gi").value()).isEqualTo(1536L * 1024 * 1024);
    assertThat(Quantity.parse("0.5").milliValue()).isEqualTo(500);
    assertThat(Quantity.parse(".5").milliValue()).isEqualTo(500);
    assertThat(Quantity.parse("2k").value()).isEqualTo(2000);
    assertThat(Quantity.parse("250u").milliValue()).isEqualTo(1);
    assertThat(Quantity.parse("-1").isNegative()).isTrue();
  }

  @Test
  void rejectsMalformed() {
    for (String bad : new String[] {"", "abc", "1K", "1 Gi", "1Gib", "m", "1e", "--1", "1.2.3"}) {
      assertThat(Quantity.isValid(bad)).as(bad).isFalse();
    }
    assertThatThrownBy(() -> Quantity.parse("x")).hasMessage(Quantity.FORMAT_MESSAGE);
  }

  @Test
  void comparesByAmount() {
    assertThat(Quantity.parse("1Gi")).isEqualTo(Quantity.parse("1024Mi"));
    assertThat(Quantity.parse("1")).isEqualTo(Quantity.parse("1000m"));
    assertThat(Quantity.parse("500m")).isLessThan(Quantity.parse("1"));
    assertThat(Quantity.parse("100m").plus(Quantity.parse("900m")).milliValue()).isEqualTo(1000);
  }
}
