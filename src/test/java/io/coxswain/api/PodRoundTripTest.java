package io.coxswain.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.core.Pod;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A pod as a real API server returns it: decoding and re-encoding must not lose or add a field. */
class PodRoundTripTest {
  static final String POD = """
      {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
          "name": "web-7xk2p",
          "generateName": "web-",
          "namespace": "default",
          "uid": "0d6c2a56-3c7e-4b0a-9d0e-6f0c5e1d2a11",
          "resourceVersion": "1234",
          "generation": 1,
          "creationTimestamp": "2026-11-27T02:06:36Z",
          "labels": {"app": "web", "tier": "frontend"},
          "annotations": {"example.com/note": "hi"},
          "ownerReferences": [{"apiVersion": "v1", "kind": "ReplicationController", "name": "web",
            "uid": "11111111-2222-4333-8444-555555555555", "controller": true, "blockOwnerDeletion": true}],
          "finalizers": ["example.com/keep"]
        },
        "spec": {
          "volumes": [
            {"name": "cache", "emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}},
            {"name": "host", "hostPath": {"path": "/var/log", "type": "Directory"}},
            {"name": "cfg", "configMap": {"name": "web-config", "items": [{"key": "a", "path": "a.conf"}],
              "defaultMode": 420}},
            {"name": "empty", "emptyDir": {}}
          ],
          "initContainers": [{"name": "init", "image": "busybox:1.36", "command": ["sh", "-c", "true"],
            "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
            "imagePullPolicy": "IfNotPresent"}],
          "containers": [{
            "name": "nginx",
            "image": "nginx:1.27",
            "args": ["-g", "daemon off;"],
            "workingDir": "/srv",
            "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"},
                      {"containerPort": 9090, "hostPort": 19090, "protocol": "UDP", "hostIP": "127.0.0.1"}],
            "env": [
              {"name": "MODE", "value": "prod"},
              {"name": "POD_IP", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "status.podIP"}}},
              {"name": "KEY", "valueFrom": {"configMapKeyRef": {"name": "cm", "key": "k", "optional": true}}},
              {"name": "PASS", "valueFrom": {"secretKeyRef": {"name": "s", "key": "p"}}}
            ],
            "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "250m", "memory": "64Mi"}},
            "volumeMounts": [{"name": "cache", "mountPath": "/cache"},
                             {"name": "host", "mountPath": "/logs", "readOnly": true, "subPath": "nginx"}],
            "livenessProbe": {"httpGet": {"path": "/healthz", "port": 80, "host": "127.0.0.1", "scheme": "HTTP",
                "httpHeaders": [{"name": "X-Probe", "value": "1"}]},
              "initialDelaySeconds": 5, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1,
              "failureThreshold": 3, "terminationGracePeriodSeconds": 15},
            "readinessProbe": {"tcpSocket": {"port": "http"}, "timeoutSeconds": 1, "periodSeconds": 5,
              "successThreshold": 1, "failureThreshold": 3},
            "startupProbe": {"exec": {"command": ["cat", "/tmp/ready"]}, "timeoutSeconds": 1, "periodSeconds": 10,
              "successThreshold": 1, "failureThreshold": 30},
            "terminationMessagePath": "/dev/termination-log",
            "terminationMessagePolicy": "File",
            "imagePullPolicy": "IfNotPresent",
            "stdin": true,
            "tty": true
          }],
          "restartPolicy": "Always",
          "terminationGracePeriodSeconds": 30,
          "activeDeadlineSeconds": 3600,
          "dnsPolicy": "ClusterFirst",
          "nodeSelector": {"disk": "ssd"},
          "serviceAccountName": "default",
          "nodeName": "node-1",
          "hostNetwork": false,
          "hostname": "web",
          "subdomain": "sub",
          "schedulerName": "default-scheduler",
          "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute",
            "tolerationSeconds": 300}],
          "priorityClassName": "high",
          "priority": 0
        },
        "status": {
          "phase": "Running",
          "conditions": [{"type": "Ready", "status": "True", "lastProbeTime": null,
            "lastTransitionTime": "2026-11-27T02:06:40Z", "reason": "R", "message": "M"}],
          "message": "msg",
          "reason": "reason",
          "hostIP": "10.0.0.1",
          "hostIPs": [{"ip": "10.0.0.1"}],
          "podIP": "10.244.0.5",
          "podIPs": [{"ip": "10.244.0.5"}],
          "startTime": "2026-11-27T02:06:36Z",
          "initContainerStatuses": [{"name": "init", "state": {"terminated": {"exitCode": 0, "reason": "Completed",
            "startedAt": "2026-11-27T02:06:37Z", "finishedAt": "2026-11-27T02:06:38Z",
            "containerID": "docker://abc"}}, "lastState": {}, "ready": true, "restartCount": 0,
            "image": "busybox:1.36", "imageID": "docker-pullable://busybox@sha256:1", "containerID": "docker://abc",
            "started": false}],
          "containerStatuses": [{"name": "nginx",
            "state": {"running": {"startedAt": "2026-11-27T02:06:39Z"}},
            "lastState": {"terminated": {"exitCode": 137, "signal": 9, "reason": "Error", "message": "killed",
              "startedAt": "2026-11-27T02:06:30Z", "finishedAt": "2026-11-27T02:06:35Z",
              "containerID": "docker://old"}},
            "ready": true, "restartCount": 1, "image": "nginx:1.27", "imageID": "docker-pullable://nginx@sha256:2",
            "containerID": "docker://def", "started": true}],
          "qosClass": "Burstable"
        }
      }
      """;

  @Test
  void encodeOfDecodeKeepsEveryField() throws Exception {
    byte[] original = POD.getBytes(StandardCharsets.UTF_8);
    Pod pod = Json.decode(original, "application/json", Pod.class);
    JsonNode expected = Json.json().readTree(original);
    // Kubernetes omits a null lastProbeTime on output; so do we.
    ((com.fasterxml.jackson.databind.node.ObjectNode) expected.get("status").get("conditions").get(0))
        .remove("lastProbeTime");
    JsonNode actual = Json.json().readTree(Json.encode(pod, false));
    assertThat(actual).isEqualTo(expected);
    JsonNode viaYaml = Json.json().readTree(Json.encode(Json.decode(Json.encode(pod, true), "application/yaml",
        Pod.class), false));
    assertThat(viaYaml).isEqualTo(expected);
  }
}
