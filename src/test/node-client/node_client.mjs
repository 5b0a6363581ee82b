// Drives a Coxswain API server with the Kubernetes JavaScript client (@kubernetes/client-node 1.x),
// as a user's program would, with no workaround in the client code.
//
// Usage: node node_client.mjs URL NAMESPACE WATCH_WINDOW
// Prints one line per step and "ALL OK" at the end; any failure exits non-zero.
import * as k8s from '@kubernetes/client-node';
import { PassThrough } from 'node:stream';

const [url, ns, window] = process.argv.slice(2);
const watchWindow = Number(window); // the server's coxswain.store.watch-window
const kc = new k8s.KubeConfig();
kc.loadFromOptions({
  clusters: [{ name: 'coxswain', server: url, skipTLSVerify: true }],
  users: [{ name: 'user' }],
  contexts: [{ name: 'coxswain', user: 'user', cluster: 'coxswain' }],
  currentContext: 'coxswain',
});
const core = kc.makeApiClient(k8s.CoreV1Api);
const coordination = kc.makeApiClient(k8s.CoordinationV1Api);

function step(name) {
  console.log('step: ' + name);
}

function check(condition, message) {
  if (!condition) {
    throw new Error('check failed: ' + message);
  }
}

async function until(what, test, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await test()) {
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out waiting for ' + what);
}

const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
const strategicPatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch);
const jsonPatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch);

step('create namespace');
await core.createNamespace({ body: { metadata: { name: ns } } });

step('an informer that must see every change');
const seen = [];
const informer = k8s.makeInformer(kc, `/api/v1/namespaces/${ns}/configmaps`,
  () => core.listNamespacedConfigMap({ namespace: ns }));
informer.on('add', (o) => seen.push('add ' + o.metadata.name));
informer.on('update', (o) => seen.push('update ' + o.metadata.name + ' ' + o.data.v));
informer.on('delete', (o) => seen.push('delete ' + o.metadata.name));
await informer.start();

step('create pod');
const created = await core.createNamespacedPod({
  namespace: ns,
  body: {
    metadata: { name: 'js', labels: { app: 'js' } },
    spec: { containers: [{ name: 'c', image: 'busybox:1', resources: { limits: { cpu: 0.5, memory: 67108864 } } }] },
  },
});
check(created.spec.containers[0].resources.limits.cpu === '500m', 'canonical cpu ' + JSON.stringify(created.spec));

step('watch until Running, from the created resourceVersion');
let running = false;
const watch = new k8s.Watch(kc);
const request = await watch.watch(`/api/v1/namespaces/${ns}/pods`,
  { resourceVersion: created.metadata.resourceVersion, allowWatchBookmarks: true },
  (type, obj) => {
    if (type !== 'BOOKMARK' && obj.status && obj.status.phase === 'Running') {
      running = true;
    }
  }, () => {});
await until('the pod to run', () => running);
request.abort();

step('watch: bookmarks, and 410 Gone for a version older than the watch window');
const start = (await core.listNamespacedConfigMap({ namespace: ns })).metadata.resourceVersion;
let bookmarks = 0;
const bookmarked = await watch.watch(`/api/v1/namespaces/${ns}/configmaps`,
  { resourceVersion: start, allowWatchBookmarks: true },
  (type) => { if (type === 'BOOKMARK') { bookmarks++; } }, () => {});
await until('a bookmark', () => bookmarks > 0, 10);
bookmarked.abort();
await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'churn' } } });
for (let i = 0; i < watchWindow + 20; i++) {
  await core.patchNamespacedConfigMap({ name: 'churn', namespace: ns, body: { data: { v: String(i) } } }, mergePatch);
}
let gone;
const expired = await watch.watch(`/api/v1/namespaces/${ns}/configmaps`, { resourceVersion: start },
  (type, obj) => { gone = type === 'ERROR' ? obj.code : 'an event from an expired version: ' + type; }, () => {});
await until('the watch to be told', () => gone !== undefined, 10);
expired.abort();
check(gone === 410, 'expired: ' + gone);
await core.deleteNamespacedConfigMap({ name: 'churn', namespace: ns });

step('read a started pod');
const read = await core.readNamespacedPod({ name: 'js', namespace: ns });
check(read.status.containerStatuses[0].imageID !== undefined, 'imageID is set');

step('replace as read-modify-write (the client re-encodes creationTimestamp)');
// The node may write the pod's status between the read and the replace; a 409 then is right, and a client
// reads again (as kubectl edit does). Bounded: the node writes a started pod's status a few times at most.
let replaced;
for (let attempt = 0, current = read; !replaced; attempt++) {
  current.metadata.labels.stage = 'replaced';
  try {
    replaced = await core.replaceNamespacedPod({ name: 'js', namespace: ns, body: current });
  } catch (e) {
    if (e.code !== 409 || attempt >= 5) {
      throw e;
    }
    current = await core.readNamespacedPod({ name: 'js', namespace: ns });
  }
}
check(replaced.metadata.labels.stage === 'replaced', 'replaced');

step('merge, strategic merge and JSON patches');
await core.patchNamespacedPod({ name: 'js', namespace: ns, body: { metadata: { labels: { merge: 'yes' } } } },
  mergePatch);
await core.patchNamespacedPod({ name: 'js', namespace: ns, body: { metadata: { labels: { smp: 'yes' } } } },
  strategicPatch);
const patched = await core.patchNamespacedPod({ name: 'js', namespace: ns,
  body: [{ op: 'add', path: '/metadata/labels/json', value: 'yes' }] }, jsonPatch);
check(patched.metadata.labels.merge === 'yes' && patched.metadata.labels.smp === 'yes'
  && patched.metadata.labels.json === 'yes', 'three patches ' + JSON.stringify(patched.metadata.labels));

step('list by label and field selectors');
const byLabel = await core.listNamespacedPod({ namespace: ns, labelSelector: 'json=yes' });
check(byLabel.items.length === 1, 'label selector');
const byField = await core.listNamespacedPod({ namespace: ns, fieldSelector: 'metadata.name=js' });
check(byField.items.length === 1, 'field selector');

step('ConfigMaps: create, page through, update, delete (the informer sees each)');
for (const name of ['cm-a', 'cm-b', 'cm-c']) {
  await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name }, data: { v: '1' } } });
}
const page1 = await core.listNamespacedConfigMap({ namespace: ns, limit: 2 });
check(page1.items.length === 2 && page1.metadata._continue, 'first page');
check(page1.metadata.remainingItemCount === 1, 'remainingItemCount ' + page1.metadata.remainingItemCount);
const page2 = await core.listNamespacedConfigMap({ namespace: ns, limit: 2, _continue: page1.metadata._continue });
check(page2.items.length === 1 && page2.items[0].metadata.name === 'cm-c', 'second page');
await core.patchNamespacedConfigMap({ name: 'cm-b', namespace: ns, body: { data: { v: '2' } } }, mergePatch);
await core.deleteNamespacedConfigMap({ name: 'cm-c', namespace: ns });
await until('the informer to see every change', () => seen.includes('update cm-b 2') && seen.includes('delete cm-c'));
check(['add cm-a', 'add cm-b', 'add cm-c'].every((e) => seen.includes(e)), 'adds ' + seen);
const cached = informer.list(ns).map((o) => o.metadata.name).sort();
check(JSON.stringify(cached) === JSON.stringify(['cm-a', 'cm-b']), 'informer cache ' + cached);
await informer.stop();

step('a Secret from stringData');
await core.createNamespacedSecret({ namespace: ns, body: { metadata: { name: 's' }, stringData: { k: 'v' } } });
const secret = await core.readNamespacedSecret({ name: 's', namespace: ns });
check(secret.data.k === 'dg==' && secret.type === 'Opaque', 'secret ' + JSON.stringify(secret));

step('the default ServiceAccount and a Lease');
await until('the default service account', async () =>
  (await core.listNamespacedServiceAccount({ namespace: ns })).items.some((sa) => sa.metadata.name === 'default'));
await coordination.createNamespacedLease({ namespace: ns,
  body: { metadata: { name: 'lock' }, spec: { holderIdentity: 'me', leaseDurationSeconds: 10 } } });
check((await coordination.readNamespacedLease({ name: 'lock', namespace: ns })).spec.holderIdentity === 'me',
  'lease');

step('a ReplicationController, its scale and status subresources');
await core.createNamespacedReplicationController({ namespace: ns, body: {
  metadata: { name: 'web' },
  spec: { replicas: 1, selector: { app: 'web' },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox:1' }] } } },
} });
// Read-modify-write retried on a conflict, as client-go's RetryOnConflict does: the RC manager
// writes the RC's status meanwhile, and the scale carries the RC's resourceVersion.
for (let attempt = 0; ; attempt++) {
  const scale = await core.readNamespacedReplicationControllerScale({ name: 'web', namespace: ns });
  scale.spec.replicas = 2;
  try {
    await core.replaceNamespacedReplicationControllerScale({ name: 'web', namespace: ns, body: scale });
    break;
  } catch (e) {
    if (e.code !== 409 || attempt > 5) {
      throw e;
    }
  }
}
await until('two ready replicas', async () =>
  (await core.readNamespacedReplicationControllerStatus({ name: 'web', namespace: ns })).status.readyReplicas === 2);

step('server-side apply, with a conflict and its force');
const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
const applied = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace: ns }, data: { k: 'a' } };
await objects.patch(applied, undefined, undefined, 'node-client', false, k8s.PatchStrategy.ServerSideApply);
await core.patchNamespacedConfigMap({ name: 'applied', namespace: ns, fieldManager: 'editor',
  body: { data: { k: 'b' } } }, mergePatch);
let conflicted = false;
try {
  await objects.patch(applied, undefined, undefined, 'node-client', false, k8s.PatchStrategy.ServerSideApply);
} catch (e) {
  conflicted = e.code === 409;
}
check(conflicted, 'an apply over another manager\'s field is a conflict');
await objects.patch(applied, undefined, undefined, 'node-client', true, k8s.PatchStrategy.ServerSideApply);
check((await core.readNamespacedConfigMap({ name: 'applied', namespace: ns })).data.k === 'a', 'forced');

step('logs, followed');
const logStream = new PassThrough();
let logText = '';
logStream.on('data', (chunk) => { logText += chunk.toString(); });
const logRequest = await new k8s.Log(kc).log(ns, 'js', 'c', logStream, { follow: true, tailLines: 10 });
await new Promise((r) => setTimeout(r, 500));
logRequest.abort();
check(typeof logText === 'string', 'log stream opened');

step('delete with dryRun: nothing deleted');
await core.deleteNamespacedPod({ name: 'js', namespace: ns, dryRun: 'All' });
check(!(await core.readNamespacedPod({ name: 'js', namespace: ns })).metadata.deletionTimestamp, 'dry run');

step('delete the RC orphaning its pods, then the pods');
await core.deleteNamespacedReplicationController({ name: 'web', namespace: ns, propagationPolicy: 'Orphan' });
await until('the RC to go', async () =>
  (await core.listNamespacedReplicationController({ namespace: ns })).items.length === 0);
const orphans = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
check(orphans.items.length === 2 && orphans.items.every((p) => !p.metadata.ownerReferences
  || p.metadata.ownerReferences.length === 0), 'orphaned pods');
await core.deleteCollectionNamespacedPod({ namespace: ns, labelSelector: 'app=web' });

step('every served kind through KubernetesObjectApi: create, read, list, watch, two patches, apply, replace, '
  + 'dry-run delete, delete');
const examples = [
  ['v1', 'ConfigMap', 'configmaps', true, { data: { k: 'v' } }],
  ['v1', 'Secret', 'secrets', true, { type: 'Opaque', data: { k: 'dg==' } }],
  ['v1', 'ServiceAccount', 'serviceaccounts', true, { automountServiceAccountToken: false }],
  ['v1', 'Service', 'services', true, { spec: { selector: { app: 'x' }, ports: [{ port: 80, targetPort: 8080 }] } }],
  ['v1', 'Endpoints', 'endpoints', true, { subsets: [{ addresses: [{ ip: '10.244.1.9' }], ports: [{ port: 80 }] }] }],
  ['v1', 'Event', 'events', true, { involvedObject: { kind: 'Pod', name: 'x', namespace: ns }, reason: 'Tested',
    message: 'by the JavaScript client', type: 'Normal' }],
  ['coordination.k8s.io/v1', 'Lease', 'leases', true, { spec: { holderIdentity: 'me', leaseDurationSeconds: 15 } }],
  ['v1', 'ReplicationController', 'replicationcontrollers', true, { spec: { replicas: 0, selector: { app: 'gen' },
    template: { metadata: { labels: { app: 'gen' } }, spec: { containers: [{ name: 'c', image: 'busybox:1' }] } } } }],
  ['v1', 'Pod', 'pods', true, { spec: { containers: [{ name: 'c', image: 'busybox:1' }] } }],
  ['v1', 'Namespace', 'namespaces', false, {}],
  ['v1', 'Node', 'nodes', false, { spec: { unschedulable: true } }],
];
for (const [apiVersion, kind, plural, namespaced, fields] of examples) {
  const name = 'gen-' + kind.toLowerCase();
  const metadata = namespaced ? { name, namespace: ns } : { name };
  const header = { apiVersion, kind, metadata };
  const made = await objects.create({ ...fields, apiVersion, kind, metadata: { ...metadata, labels: { suite: 'js' } } });
  check((await objects.read(header)).metadata.uid === made.metadata.uid, kind + ' read');
  const listed = await objects.list(apiVersion, kind, namespaced ? ns : undefined, undefined, undefined, undefined,
    undefined, 'suite=js');
  check(listed.items.some((o) => o.metadata.name === name), kind + ' listed');
  const prefix = apiVersion === 'v1' ? '/api/v1' : '/apis/' + apiVersion;
  const path = prefix + (namespaced ? `/namespaces/${ns}/` : '/') + plural;
  let watched;
  const modified = new Promise((resolve, reject) => {
    new k8s.Watch(kc).watch(path, { resourceVersion: made.metadata.resourceVersion, labelSelector: 'suite=js' },
      (type, o) => { if (o.metadata.name === name) { resolve(type); } }, (err) => { if (err) { reject(err); } })
      .then((controller) => { watched = controller; }, reject);
  });
  await objects.patch({ ...header, metadata: { ...metadata, labels: { merge: 'yes' } } }, undefined, undefined,
    undefined, undefined, k8s.PatchStrategy.MergePatch);
  const type = await Promise.race([modified,
    new Promise((_, reject) => setTimeout(() => reject(new Error(kind + ': no watch event in 10 s')), 10000))]);
  watched?.abort();
  check(type === 'MODIFIED', kind + ' watched: ' + type);
  await objects.patch({ ...header, metadata: { ...metadata, labels: { strategic: 'yes' } } }, undefined, undefined,
    undefined, undefined, k8s.PatchStrategy.StrategicMergePatch);
  await objects.patch({ ...header, metadata: { ...metadata, annotations: { applied: 'yes' } } }, undefined, undefined,
    'js-suite', false, k8s.PatchStrategy.ServerSideApply);
  // Read-modify-write, read again on a conflict as above: a fresh pod's scheduler and node write it meanwhile.
  let replacedObject;
  for (let attempt = 0; !replacedObject; attempt++) {
    const current = await objects.read(header);
    const labels = current.metadata.labels;
    // KubernetesObjectApi finds the path from the body, so it cannot send a JSON patch (a list); the typed
    // clients above send those.
    check(labels.merge === 'yes' && labels.strategic === 'yes', kind + ' patched');
    check(current.metadata.annotations.applied === 'yes', kind + ' applied');
    current.metadata.labels.replaced = 'yes';
    try {
      replacedObject = await objects.replace(current);
    } catch (e) {
      if (e.code !== 409 || attempt >= 5) {
        throw e;
      }
    }
  }
  check(replacedObject.metadata.labels.replaced === 'yes', kind + ' replaced');
  await objects.delete(header, undefined, 'All');
  check(!(await objects.read(header)).metadata.deletionTimestamp, kind + ' dry-run delete');
  await objects.delete(header, undefined, undefined, 0, undefined, 'Foreground');
}

step('delete the namespace');
await core.deleteNamespace({ name: ns });
console.log('ALL OK');
