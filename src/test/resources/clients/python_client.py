"""Drives a Coxswain API server with Debian's python3-kubernetes, as a user's script would.

Usage: /usr/bin/python3 python_client.py URL NAMESPACE WATCH_WINDOW
Prints one line per step and "ALL OK" at the end; any failure raises (non-zero exit).
"""
import json
import sys
import time

from kubernetes import client, watch

url, ns = sys.argv[1], sys.argv[2]
WATCH_WINDOW = int(sys.argv[3])  # the server's coxswain.store.watch-window
configuration = client.Configuration()
configuration.host = url
api = client.ApiClient(configuration)
core = client.CoreV1Api(api)


def step(name):
    print("step: " + name, flush=True)


step("create namespace")
core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))

step("create pod")
pod = client.V1Pod(
    metadata=client.V1ObjectMeta(name="py", labels={"app": "py"},
                                 annotations={"simulated.coxswain.io/log": "first line\nsecond line"}),
    spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="busybox:1")]))
created = core.create_namespaced_pod(ns, pod)
rv = created.metadata.resource_version

step("watch until Running (watch=True)")
running = False
w = watch.Watch()
for event in w.stream(core.list_namespaced_pod, ns, resource_version=rv, timeout_seconds=30):
    if event["object"].status.phase == "Running":
        running = True
        w.stop()
assert running, "the watch never saw the pod Running"

step("read a started pod (containerStatuses[].imageID is required)")
read = core.read_namespaced_pod("py", ns)
assert read.status.container_statuses[0].image_id, read.status.container_statuses[0]

step("replace as read-modify-write (creationTimestamp re-encoded by the client)")
# The node may write the pod's status between the read and the replace; a 409 then is right, and a client
# reads again (as kubectl edit does). Bounded: the node writes a started pod's status a few times at most.
for attempt in range(6):
    read.metadata.labels["stage"] = "replaced"
    try:
        replaced = core.replace_namespaced_pod("py", ns, read)
        break
    except client.exceptions.ApiException as e:
        if e.status != 409 or attempt == 5:
            raise
        read = core.read_namespaced_pod("py", ns)
assert replaced.metadata.labels["stage"] == "replaced"

step("strategic merge patch")
patched = core.patch_namespaced_pod("py", ns, {"metadata": {"labels": {"patched": "yes"}}})
assert patched.metadata.labels["patched"] == "yes"

step("list with a label selector and a field selector")
assert [p.metadata.name for p in core.list_namespaced_pod(ns, label_selector="patched=yes").items] == ["py"]
assert [p.metadata.name for p in core.list_namespaced_pod(ns, field_selector="metadata.name=py").items] == ["py"]
assert core.list_namespaced_pod(ns, field_selector="metadata.name=other").items == []

step("logs, followed")
lines = []
for line in watch.Watch().stream(core.read_namespaced_pod_log, "py", ns, container="c", follow=True,
                                 _request_timeout=20):
    lines.append(line)
    if len(lines) == 2:
        break
assert lines == ["first line", "second line"], lines

step("watch: bookmarks, and 410 Gone for a version older than the watch window")
start = core.list_namespaced_config_map(ns).metadata.resource_version
bookmarks = 0
# timeout_seconds bounds the watch and turns off the client's own retry after a 410.
for event in watch.Watch().stream(core.list_namespaced_config_map, ns, resource_version=start,
                                  allow_watch_bookmarks=True, timeout_seconds=2):
    if event["type"] == "BOOKMARK":
        bookmarks += 1
assert bookmarks >= 1, "no bookmark in 2 s"
core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="churn")))
for i in range(WATCH_WINDOW + 20):
    core.patch_namespaced_config_map("churn", ns, {"data": {"v": str(i)}})
gone = None
try:
    for event in watch.Watch().stream(core.list_namespaced_config_map, ns, resource_version=start, timeout_seconds=5):
        raise AssertionError("an event from an expired version: %s" % event["type"])
except client.exceptions.ApiException as e:
    gone = e.status
assert gone == 410, gone
core.delete_namespaced_config_map("churn", ns)

step("delete with dryRun: nothing deleted")
core.delete_namespaced_pod("py", ns, dry_run="All")
assert core.read_namespaced_pod("py", ns).metadata.deletion_timestamp is None

step("replication controller, scale subresource, status")
rc = client.V1ReplicationController(
    metadata=client.V1ObjectMeta(name="web"),
    spec=client.V1ReplicationControllerSpec(
        replicas=1, selector={"app": "web"},
        template=client.V1PodTemplateSpec(
            metadata=client.V1ObjectMeta(labels={"app": "web"}),
            spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="busybox:1")]))))
core.create_namespaced_replication_controller(ns, rc)
core.patch_namespaced_replication_controller_scale("web", ns, {"spec": {"replicas": 2}})
assert core.read_namespaced_replication_controller_scale("web", ns).spec.replicas == 2
core.read_namespaced_replication_controller_status("web", ns)

step("config maps paged, with remainingItemCount")
for name in ["cm-a", "cm-b", "cm-c"]:
    core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name=name),
                                                             data={"v": "1"}))
page = core.list_namespaced_config_map(ns, limit=2)
assert len(page.items) == 2 and page.metadata._continue, page.metadata
assert page.metadata.remaining_item_count == 1, page.metadata
rest = core.list_namespaced_config_map(ns, limit=2, _continue=page.metadata._continue)
assert [c.metadata.name for c in rest.items] == ["cm-c"]

step("a secret from stringData, quantities in canonical form")
core.create_namespaced_secret(ns, client.V1Secret(metadata=client.V1ObjectMeta(name="s"), string_data={"k": "v"}))
secret = core.read_namespaced_secret("s", ns)
assert secret.data == {"k": "dg=="} and secret.type == "Opaque", secret
limits = core.read_namespaced_pod("py", ns).spec.containers[0].resources
assert limits is None or limits.limits is None

step("the default service account and a lease")
accounts = [a.metadata.name for a in core.list_namespaced_service_account(ns).items]
assert "default" in accounts, accounts
coordination = client.CoordinationV1Api(api)
coordination.create_namespaced_lease(ns, client.V1Lease(metadata=client.V1ObjectMeta(name="lock"),
                                                        spec=client.V1LeaseSpec(holder_identity="me")))
assert coordination.read_namespaced_lease("lock", ns).spec.holder_identity == "me"

step("every served kind through the dynamic client: create, get, list, watch, three patches, apply, replace, "
     "dry-run delete, delete")
from kubernetes.dynamic import DynamicClient
from kubernetes.dynamic.exceptions import ConflictError

dynamic = DynamicClient(api)
examples = [
    ("v1", "ConfigMap", True, {"data": {"k": "v"}}),
    ("v1", "Secret", True, {"type": "Opaque", "data": {"k": "dg=="}}),
    ("v1", "ServiceAccount", True, {"automountServiceAccountToken": False}),
    ("v1", "Service", True, {"spec": {"selector": {"app": "x"}, "ports": [{"port": 80, "targetPort": 8080}]}}),
    ("v1", "Endpoints", True, {"subsets": [{"addresses": [{"ip": "10.244.1.9"}], "ports": [{"port": 80}]}]}),
    ("v1", "Event", True, {"involvedObject": {"kind": "Pod", "name": "x", "namespace": ns},
                           "reason": "Tested", "message": "by the dynamic client", "type": "Normal"}),
    ("coordination.k8s.io/v1", "Lease", True, {"spec": {"holderIdentity": "me", "leaseDurationSeconds": 15}}),
    ("v1", "ReplicationController", True, {"spec": {"replicas": 0, "selector": {"app": "dyn"}, "template": {
        "metadata": {"labels": {"app": "dyn"}}, "spec": {"containers": [{"name": "c", "image": "busybox:1"}]}}}}),
    ("v1", "Pod", True, {"spec": {"containers": [{"name": "c", "image": "busybox:1"}]}}),
    ("v1", "Namespace", False, {}),
    ("v1", "Node", False, {"spec": {"unschedulable": True}}),
]
for api_version, kind, namespaced, fields in examples:
    resource = dynamic.resources.get(api_version=api_version, kind=kind)
    name = "dyn-" + kind.lower()
    where = {"namespace": ns} if namespaced else {}
    body = dict(fields, apiVersion=api_version, kind=kind,
                metadata={"name": name, "labels": {"suite": "dynamic"}})
    created = resource.create(body=body, **where)
    assert created.metadata.name == name, kind
    assert resource.get(name=name, **where).metadata.uid == created.metadata.uid, kind
    listed = resource.get(label_selector="suite=dynamic", **where)
    assert name in [item.metadata.name for item in listed.items], kind
    resource.patch(name=name, body={"metadata": {"labels": {"merge": "yes"}}},
                   content_type="application/merge-patch+json", **where)
    seen = None
    for event in resource.watch(resource_version=created.metadata.resourceVersion, timeout=10,
                                label_selector="suite=dynamic", **where):
        if event["object"].metadata.name == name:
            seen = event
            break
    assert seen is not None and seen["type"] == "MODIFIED", (kind, seen)
    resource.patch(name=name, body={"metadata": {"labels": {"strategic": "yes"}}},
                   content_type="application/strategic-merge-patch+json", **where)
    resource.patch(name=name, body=[{"op": "add", "path": "/metadata/labels/json", "value": "yes"}],
                   content_type="application/json-patch+json", **where)
    # This client sends an apply body only as text (a dict is refused before it is sent).
    resource.server_side_apply(body=json.dumps({"apiVersion": api_version, "kind": kind,
                                     "metadata": {"name": name, "annotations": {"applied": "yes"}}}),
                               name=name, field_manager="python-suite", **where)
    # Read-modify-write, tried again on a conflict as clients do (RetryOnConflict): a pod's
    # scheduler and node may write it between the read and the replace.
    for attempt in range(5):
        current = resource.get(name=name, **where).to_dict()
        labels = current["metadata"]["labels"]
        assert labels["merge"] == labels["strategic"] == labels["json"] == "yes", (kind, labels)
        assert current["metadata"]["annotations"]["applied"] == "yes", kind
        current["metadata"]["labels"]["replaced"] = "yes"
        try:
            replaced = resource.replace(body=current, **where)
            break
        except ConflictError:
            if attempt == 4:
                raise
    assert replaced.metadata.labels["replaced"] == "yes", kind
    resource.delete(name=name, body={"dryRun": ["All"]}, **where)
    assert resource.get(name=name, **where).metadata.deletionTimestamp is None, kind
    resource.delete(name=name, body={"propagationPolicy": "Foreground", "gracePeriodSeconds": 0}, **where)

step("delete orphaning the dependents, then in the background")
orphaning = client.V1ReplicationController(
    metadata=client.V1ObjectMeta(name="orphaning"),
    spec=client.V1ReplicationControllerSpec(
        replicas=1, selector={"app": "orphaned"},
        template=client.V1PodTemplateSpec(
            metadata=client.V1ObjectMeta(labels={"app": "orphaned"}),
            spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="busybox:1")]))))
core.create_namespaced_replication_controller(ns, orphaning)
for event in watch.Watch().stream(core.list_namespaced_pod, ns, label_selector="app=orphaned", timeout_seconds=20):
    break
core.delete_namespaced_replication_controller("orphaning", ns, propagation_policy="Orphan")
orphaned = []
for attempt in range(100):
    if not [rc for rc in core.list_namespaced_replication_controller(ns).items if rc.metadata.name == "orphaning"]:
        orphaned = core.list_namespaced_pod(ns, label_selector="app=orphaned").items
        if orphaned and all(not p.metadata.owner_references for p in orphaned):
            break
    time.sleep(0.2)
assert len(orphaned) == 1 and not orphaned[0].metadata.owner_references, orphaned
core.delete_collection_namespaced_pod(ns, label_selector="app=orphaned")
core.delete_namespaced_replication_controller("web", ns, propagation_policy="Background")
core.delete_namespaced_pod("py", ns, grace_period_seconds=0)
print("ALL OK", flush=True)
