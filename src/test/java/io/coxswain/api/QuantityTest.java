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

  @Test
  void writesTheCanonicalFormKubernetesStores() {
    String[][] cases = {
        {"0.5", "500m"}, {"1.5", "1500m"}, {"1", "1"}, {"1000m", "1"}, {"2000", "2k"}, {"1500", "1500"},
        {"1024Ki", "1Mi"}, {"1536Mi", "1536Mi"}, {"0.5Gi", "512Mi"}, {"1.5Ki", "1536"}, {"0.5Ki", "512"},
        {"1Ki", "1Ki"}, {"134217728", "134217728"}, {"128974848", "128974848"}, {"129e6", "129e6"},
        {"129M", "129M"}, {"1e3", "1e3"}, {"1.5e3", "1500"}, {"0.1n", "1n"}, {"100u", "100u"},
        {"0", "0"}, {"0Gi", "0"}, {"-1500m", "-1500m"}, {"1.", "1"}, {".5", "500m"}, {"+1", "1"},
        {"1E", "1E"}, {"9999E", "9223372036854775807"}, {"12e-3", "12e-3"}, {"1500e-3", "1500e-3"}};
    for (String[] c : cases) {
      assertThat(Quantity.parse(c[0]).toString()).as(c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void readsJsonNumbersAndRefusesOtherShapes() throws Exception {
    var mapper = Json.json();
    assertThat(mapper.readValue("1", Quantity.class).toString()).isEqualTo("1");
    assertThat(mapper.readValue("0.25", Quantity.class).toString()).isEqualTo("250m");
    assertThat(mapper.readValue("134217728", Quantity.class).toString()).isEqualTo("134217728");
    assertThat(mapper.readValue("\"1024Mi\"", Quantity.class).toString()).isEqualTo("1Gi");
    assertThat(mapper.writeValueAsString(Quantity.parse("0.5"))).isEqualTo("\"500m\"");
    for (String bad : new String[] {"true", "{}", "[1]", "\"1 Gi\"", "\"\""}) {
      assertThatThrownBy(() -> mapper.readValue(bad, Quantity.class)).as(bad)
          .hasMessageContaining(Quantity.FORMAT_MESSAGE);
    }
  }

  @Test
  void valuesBeyondALongSaturateInsteadOfThrowing() {
    assertThat(Quantity.parse("10P").milliValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(Quantity.parse("1e19").value()).isEqualTo(Long.MAX_VALUE);
    assertThat(Quantity.parse("1e100000000").value()).isEqualTo(Long.MAX_VALUE);
    assertThat(Quantity.parse("-1e30").value()).isEqualTo(Long.MIN_VALUE);
  }
}
