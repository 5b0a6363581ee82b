package io.coxswain.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NftScriptTest {
  private static Ruleset rules(Map<String, List<String>> chains, Map<String, Integer> sets, List<String> ips) {
    return new Ruleset(new TreeMap<>(chains), new TreeMap<>(sets), ips, List.of(), List.of(), List.of());
  }

  @Test
  void aFreshTableReplacesWhateverWasThereInTheSameTransaction() {
    String script = NftScript.transaction("coxswain-n1", "coxswain node=n1 pid=7", "10.96.0.0/16", null, Ruleset.EMPTY);
    List<String> lines = script.lines().toList();
    assertThat(lines.subList(0, 3)).containsExactly("table ip coxswain-n1", "delete table ip coxswain-n1",
        "add table ip coxswain-n1 { comment \"coxswain node=n1 pid=7\" ; }");
    assertThat(lines).contains("add rule ip coxswain-n1 reject-services ct state new ip daddr 10.96.0.0/16 "
        + "meta l4proto tcp reject with tcp reset");
    assertThat(lines).noneMatch(l -> l.startsWith("add element"));
  }

  @Test
  void anUpdateKeepsWhatStaysAndDeletesWhatWent() {
    Ruleset before = rules(Map.of("svc-a", List.of("goto ep-a"), "ep-a", List.of("dnat ip to 10.244.1.2:80"),
        "svc-b", List.of("goto ep-b"), "ep-b", List.of("dnat ip to 10.244.1.3:80")), Map.of("aff-a", 60, "aff-b", 60),
        List.of("10.96.0.1 . tcp . 80 : goto svc-a"));
    Ruleset after = rules(Map.of("svc-a", List.of("goto ep-a"), "ep-a", List.of("dnat ip to 10.244.1.2:80")),
        Map.of("aff-a", 60), List.of("10.96.0.1 . tcp . 80 : goto svc-a"));
    List<String> lines = NftScript.transaction("t", "c", "10.96.0.0/16", before, after).lines().toList();
    assertThat(lines).doesNotContain("delete table ip t");
    assertThat(lines).contains("flush chain ip t svc-b", "delete chain ip t svc-b", "delete chain ip t ep-b",
        "delete set ip t aff-b");
    // What stays is not touched: no flush, no re-add, not even of the map element.
    assertThat(lines).noneMatch(l -> l.contains("svc-a") || l.contains("ep-a") || l.contains("aff-a"));
    assertThat(lines).noneMatch(l -> l.startsWith("add rule ip t nat-") || l.startsWith("add table"));
    // Every flush comes before the first delete: no rule still refers to a chain being deleted.
    int lastFlush = lines.lastIndexOf(lines.stream().filter(l -> l.startsWith("flush")).reduce((a, b) -> b).orElseThrow());
    int firstDelete = lines.indexOf(lines.stream().filter(l -> l.startsWith("delete")).findFirst().orElseThrow());
    assertThat(lastFlush).isLessThan(firstDelete);
  }

  @Test
  void mapElementsThatGoAreDeletedByKeyAndNewOnesAdded() {
    Ruleset before = rules(Map.of("svc-a", List.of("goto ep-a"), "ep-a", List.of("dnat ip to 10.244.1.2:80")), Map.of(),
        List.of("10.96.0.1 . tcp . 80 : goto svc-a"));
    Ruleset after = rules(Map.of("svc-c", List.of("goto ep-c"), "ep-c", List.of("dnat ip to 10.244.1.4:80")), Map.of(),
        List.of("10.96.0.3 . tcp . 80 : goto svc-c"));
    List<String> lines = NftScript.transaction("t", "c", "10.96.0.0/16", before, after).lines().toList();
    assertThat(lines).containsSubsequence("delete element ip t service-ips { 10.96.0.1 . tcp . 80 }",
        "flush chain ip t svc-a", "delete chain ip t svc-a", "add chain ip t svc-c", "add rule ip t svc-c goto ep-c",
        "add element ip t service-ips { 10.96.0.3 . tcp . 80 : goto svc-c }");
  }
}
