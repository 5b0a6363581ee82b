package io.coxswain.apiserver.openapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * apimachinery types that appear in the API's documents but that the object model has no record
 * for (the server writes them as trees). Declared as records only so the same reflective
 * generator describes them; nothing instantiates them.
 */
final class MetaTypes {
  private MetaTypes() {}

  /** metav1.ListMeta, the metadata of every list. {@code continue} is a Java keyword. */
  record ListMeta(
      String resourceVersion,
      @JsonProperty("continue") String continueToken,
      Long remainingItemCount,
      String selfLink) {}

  /** metav1.Preconditions of a delete. */
  record Preconditions(String uid, String resourceVersion) {}

  /** metav1.DeleteOptions, the optional body of a DELETE. */
  record DeleteOptions(
      String apiVersion,
      String kind,
      Long gracePeriodSeconds,
      Preconditions preconditions,
      Boolean orphanDependents,
      String propagationPolicy,
      List<String> dryRun) {}

  /** metav1.Patch: any patch document; its shape depends on the Content-Type. */
  record Patch() {}

  /** metav1.ServerAddressByClientCIDR, part of discovery. */
  record ServerAddressByClientCIDR(String clientCIDR, String serverAddress) {}

  /** metav1.APIVersions, the body of GET /api. */
  record APIVersions(
      String apiVersion, String kind, List<String> versions, List<ServerAddressByClientCIDR> serverAddressByClientCIDRs) {}

  /** version.Info, the body of GET /version. */
  record Info(
      String major,
      String minor,
      String gitVersion,
      String gitCommit,
      String gitTreeState,
      String buildDate,
      String goVersion,
      String compiler,
      String platform) {}
}
