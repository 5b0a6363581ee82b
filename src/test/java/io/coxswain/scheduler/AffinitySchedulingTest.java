package io.coxswain.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.Json;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Pod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node affinity and pod (anti-)affinity as Kubernetes' scheduler decides them. */
class AffinitySchedulingTest {
  private static Node node(String name, String zone) {
    return Json.decode(("""
        {"kind":"Node","metadata":{"name":"%s","labels":{"kubernetes.io/hostname":"%s",
         "topology.kubernetes.io/zone":"%s","cores":"%d"}},
         "status":{"allocatable":{"cpu":"8","memory":"8Gi","pods":"110"},
          "conditions":[{"type":"Ready","status":"True"}]}}""")
        .formatted(name, name, zone, name.length()).getBytes(StandardCharsets.UTF_8), "application/json", Node.class);
  }

  private static Pod pod(String name, String namespace, String labels, String affinity) {
    return Json.decode(("""
        {"kind":"Pod","metadata":{"name":"%s","namespace":"%s","labels":%s},
         "spec":{"containers":[{"name":"c","image":"i"}]%s}}""")
        .formatted(name, namespace, labels, affinity == null ? "" : ",\"affinity\":" + affinity)
        .getBytes(StandardCharsets.UTF_8), "application/json", Pod.class);
  }

  private static SchedulingPipeline.Decision schedule(Pod pod, NodeInfo... nodes) {
    return SchedulingPipeline.defaults().schedule(pod, List.of(nodes));
  }

  private static NodeInfo info(Node node, Pod... pods) {
    return NodeInfo.of(node, List.of(pods));
  }

  @Test
  void requiredNodeAffinityToAZoneNoNodeHasLeavesThePodPending() {
    String affinity = """
        {"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
          {"matchExpressions":[{"key":"topology.kubernetes.io/zone","operator":"In","values":["mars"]}]}]}}}""";
    SchedulingPipeline.Decision d = schedule(pod("p", "default", "{}", affinity),
        info(node("a", "zone-1")), info(node("b", "zone-2")));
    assertThat(d.scheduled()).isFalse();
    assertThat(d.unschedulableMessage())
        .isEqualTo("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.");
  }

  @Test
  void requiredTermsAreOredAndTheirExpressionsAnded() {
    String affinity = """
        {"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
          {"matchExpressions":[{"key":"topology.kubernetes.io/zone","operator":"In","values":["zone-1"]},
                               {"key":"cores","operator":"Gt","values":["5"]}]},
          {"matchFields":[{"key":"metadata.name","operator":"In","values":["bb"]}]}]}}}""";
    Pod p = pod("p", "default", "{}", affinity);
    assertThat(schedule(p, info(node("a", "zone-1")), info(node("bb", "zone-2"))).node()).isEqualTo("bb");
    assertThat(schedule(p, info(node("long-name", "zone-1")), info(node("c", "zone-1"))).node())
        .isEqualTo("long-name");
    assertThat(schedule(p, info(node("c", "zone-1"))).scheduled()).as("cores 1 is not > 5").isFalse();
  }

  @Test
  void preferredNodeAffinityOutweighsFreeResources() {
    String affinity = """
        {"nodeAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[
          {"weight":50,"preference":{"matchExpressions":[
            {"key":"topology.kubernetes.io/zone","operator":"In","values":["zone-2"]}]}}]}}""";
    NodeInfo busy = info(node("busy", "zone-2"), pod("x", "default", "{}", null), pod("y", "default", "{}", null));
    NodeInfo idle = info(node("idle", "zone-1"));
    assertThat(schedule(pod("p", "default", "{}", affinity), idle, busy).node()).isEqualTo("busy");
  }

  @Test
  void requiredAntiAffinityByHostnameKeepsReplicasApart() {
    String anti = """
        {"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[
          {"labelSelector":{"matchLabels":{"app":"db"}},"topologyKey":"kubernetes.io/hostname"}]}}""";
    Pod first = pod("db-0", "default", "{\"app\":\"db\"}", anti);
    NodeInfo a = info(node("a", "z"), first);
    NodeInfo b = info(node("b", "z"));
    assertThat(schedule(pod("db-1", "default", "{\"app\":\"db\"}", anti), a, b).node()).isEqualTo("b");
    SchedulingPipeline.Decision third = schedule(pod("db-2", "default", "{\"app\":\"db\"}", anti),
        a, info(node("b", "z"), pod("db-1", "default", "{\"app\":\"db\"}", anti)));
    assertThat(third.unschedulableMessage()).isEqualTo("0/2 nodes are available: "
        + "2 node(s) didn't match pod anti-affinity rules.");
    // Another namespace's pods are not selected unless the term names the namespace.
    assertThat(schedule(pod("db-0", "other", "{\"app\":\"db\"}", anti), a).node()).isEqualTo("a");
  }

  @Test
  void anExistingPodsAntiAffinityKeepsNewPodsOut() {
    String anti = """
        {"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[
          {"labelSelector":{"matchExpressions":[{"key":"noisy","operator":"Exists"}]},
           "topologyKey":"topology.kubernetes.io/zone"}]}}""";
    NodeInfo quietZone = info(node("a", "zone-1"), pod("quiet", "default", "{}", anti));
    NodeInfo sameZone = info(node("b", "zone-1"));
    NodeInfo otherZone = info(node("c", "zone-2"));
    SchedulingPipeline.Decision d = schedule(pod("loud", "default", "{\"noisy\":\"yes\"}", null),
        quietZone, sameZone, otherZone);
    assertThat(d.node()).isEqualTo("c");
    SchedulingPipeline.Decision none = schedule(pod("loud", "default", "{\"noisy\":\"yes\"}", null),
        quietZone, sameZone);
    assertThat(none.unschedulableMessage()).isEqualTo("0/2 nodes are available: "
        + "2 node(s) didn't satisfy existing pods anti-affinity rules.");
  }

  @Test
  void requiredAffinityFollowsThePodItNamesExceptForTheFirstOfAGroup() {
    String withCache = """
        {"podAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[
          {"labelSelector":{"matchLabels":{"app":"cache"}},"topologyKey":"topology.kubernetes.io/zone"}]}}""";
    NodeInfo cacheNode = info(node("a", "zone-1"), pod("cache", "default", "{\"app\":\"cache\"}", null));
    NodeInfo sameZone = info(node("b", "zone-1"));
    NodeInfo otherZone = info(node("c", "zone-2"));
    SchedulingPipeline.Decision web = schedule(pod("web", "default", "{}", withCache), otherZone, sameZone);
    assertThat(web.unschedulableMessage()).isEqualTo("0/2 nodes are available: 2 node(s) didn't match pod "
        + "affinity rules.");
    assertThat(schedule(pod("web", "default", "{}", withCache), cacheNode, sameZone, otherZone).node())
        .isIn("a", "b");
    String withOwnKind = withCache.replace("cache", "web");
    assertThat(schedule(pod("web-0", "default", "{\"app\":\"web\"}", withOwnKind), otherZone).node())
        .as("the first pod of a group that selects itself may start it").isEqualTo("c");
  }

  @Test
  void preferredAntiAffinityAndNamespaceSelectors() {
    String spreadOut = """
        {"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,
          "podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"web"}},"namespaceSelector":{},
           "topologyKey":"kubernetes.io/hostname"}}]}}""";
    NodeInfo crowded = info(node("a", "z"), pod("w1", "team-a", "{\"app\":\"web\"}", null));
    NodeInfo empty = info(node("b", "z"), pod("w2", "team-b", "{\"app\":\"api\"}", null),
        pod("w3", "team-b", "{\"app\":\"api\"}", null));
    assertThat(schedule(pod("w4", "team-c", "{\"app\":\"web\"}", spreadOut), crowded, empty).node())
        .as("an empty namespaceSelector counts pods of every namespace").isEqualTo("b");

    String byLabel = """
        {"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[
          {"labelSelector":{"matchLabels":{"app":"web"}},"namespaceSelector":{"matchLabels":{"env":"prod"}},
           "topologyKey":"kubernetes.io/hostname"}]}}""";
    SchedulingPipeline pipeline = SchedulingPipeline.defaults();
    pipeline.namespaceLabels(Map.of("team-a", Map.of("env", "prod"), "team-c", Map.of("env", "dev")));
    assertThat(pipeline.schedule(pod("w5", "team-c", "{}", byLabel), List.of(crowded, empty)).node())
        .isEqualTo("b");
    pipeline.namespaceLabels(Map.of("team-a", Map.of("env", "dev")));
    assertThat(pipeline.schedule(pod("w5", "team-c", "{}", byLabel), List.of(crowded)).node()).isEqualTo("a");
  }

  @Test
  void podsPlacedInThisPassCount() {
    String anti = """
        {"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[
          {"labelSelector":{"matchLabels":{"app":"db"}},"topologyKey":"kubernetes.io/hostname"}]}}""";
    NodeInfo a = info(node("a", "z"));
    Pod first = pod("db-0", "default", "{\"app\":\"db\"}", anti);
    NodeInfo withFirst = a.with(PodDemand.of(first));
    assertThat(schedule(pod("db-1", "default", "{\"app\":\"db\"}", anti), withFirst).scheduled()).isFalse();
  }
}
