package io.coxswain.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.apiserver.limits.InFlight;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.junit.jupiter.api.Test;

class RequestKindsTest {
  private static InFlight.Kind kind(String method, String uri) {
    return RequestKinds.of(HttpRequest.create(uri).withMethod(HttpMethods.lookup(method).orElseThrow()), false);
  }

  @Test
  void watchesAndFollowedLogsAreLongRunningAndNothingElse() {
    assertThat(kind("GET", "/api/v1/pods?watch=true")).isEqualTo(InFlight.Kind.LONG_RUNNING);
    assertThat(kind("GET", "/api/v1/pods?watch=1")).isEqualTo(InFlight.Kind.LONG_RUNNING);
    assertThat(kind("GET", "/api/v1/watch/namespaces/default/pods")).isEqualTo(InFlight.Kind.LONG_RUNNING);
    assertThat(kind("GET", "/apis/coordination.k8s.io/v1/watch/leases")).isEqualTo(InFlight.Kind.LONG_RUNNING);
    assertThat(kind("GET", "/api/v1/namespaces/default/pods/p/log?follow=true")).isEqualTo(InFlight.Kind.LONG_RUNNING);
    assertThat(kind("GET", "/api/v1/namespaces/default/pods/p/log")).isEqualTo(InFlight.Kind.READ_ONLY);
    assertThat(kind("GET", "/api/v1/pods?watch=false")).isEqualTo(InFlight.Kind.READ_ONLY);
    assertThat(kind("GET", "/api/v1/namespaces/watch/pods")).as("a namespace named watch")
        .isEqualTo(InFlight.Kind.READ_ONLY);
    assertThat(kind("POST", "/api/v1/namespaces/default/pods")).isEqualTo(InFlight.Kind.MUTATING);
    assertThat(kind("DELETE", "/api/v1/namespaces/default/pods/p")).isEqualTo(InFlight.Kind.MUTATING);
  }
}
