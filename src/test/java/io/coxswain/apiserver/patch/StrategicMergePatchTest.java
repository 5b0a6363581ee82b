package io.coxswain.apiserver.patch;

import static io.coxswain.apiserver.patch.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {
    private static final PatchSchema SCHEMA = PatchSchema.kubernetesCoreV1();

    /** A live pod as the server stores it: the user's fields plus server-set defaults and status. */
    private static final String LIVE_POD = """
            {'apiVersion':'v1','kind':'Pod',
             'metadata':{'name':'web','namespace':'default','resourceVersion':'41',
               'labels':{'app':'web','tier':'frontend'},
               'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'{old}'}},
             'spec':{'nodeName':'node-1','restartPolicy':'Always',
               'containers':[
                 {'name':'app','image':'nginx:1.25','ports':[{'containerPort':80,'protocol':'TCP'}],
                  'env':[{'name':'MODE','value':'prod'},{'name':'DEBUG','value':'0'}],
                  'terminationMessagePath':'/dev/termination-log'},
                 {'name':'sidecar','image':'busybox:1.36','terminationMessagePath':'/dev/termination-log'}],
               'tolerations':[{'key':'a','operator':'Exists'},{'key':'b','operator':'Exists'}]},
             'status':{'phase':'Running','conditions':[{'type':'Ready','status':'True'}]}}
            """;

    private static JsonNode pod(String patch) {
        return StrategicMergePatch.apply(json(LIVE_POD), json(patch), SCHEMA, "Pod");
    }

    @Test
    void imageChangeByNameKeepsOtherContainersAndServerFields() {
        JsonNode result = pod("{'spec':{'containers':[{'name':'sidecar','image':'busybox:1.37'}]}}");
        JsonNode containers = result.at("/spec/containers");
        assertThat(containers).hasSize(2);
        assertThat(containers.get(0)).isEqualTo(json(LIVE_POD).at("/spec/containers/0"));
        assertThat(containers.get(1)).isEqualTo(json(
                "{'name':'sidecar','image':'busybox:1.37','terminationMessagePath':'/dev/termination-log'}"));
        assertThat(result.at("/spec/nodeName").asText()).isEqualTo("node-1");
        assertThat(result.at("/status")).isEqualTo(json(LIVE_POD).at("/status"));
    }

    @Test
    void nestedListsMergeByTheirOwnKeys() {
        JsonNode result = pod("""
                {'spec':{'containers':[{'name':'app',
                  'env':[{'name':'DEBUG','value':'1'},{'name':'NEW','value':'x'}],
                  'ports':[{'containerPort':443}]}]}}""");
        JsonNode app = result.at("/spec/containers/0");
        assertThat(app.get("env")).isEqualTo(json(
                "[{'name':'MODE','value':'prod'},{'name':'DEBUG','value':'1'},{'name':'NEW','value':'x'}]"));
        assertThat(app.get("ports")).isEqualTo(json("[{'containerPort':80,'protocol':'TCP'},{'containerPort':443}]"));
    }

    @Test
    void labelsAreAddedAndRemovedWithNull() {
        JsonNode result = pod("{'metadata':{'labels':{'tier':null,'track':'stable','absent':null}}}");
        assertThat(result.at("/metadata/labels")).isEqualTo(json("{'app':'web','track':'stable'}"));
    }

    /**
     * What kubectl apply sends after the manifest's image went from nginx:1.25 to nginx:1.26 and the
     * 'tier' label was deleted: only the differences from last-applied, null for the removed label,
     * the container identified by name, the full container order, and the new last-applied.
     */
    @Test
    void kubectlApplyPatchAfterEditingImageAndRemovingLabel() {
        JsonNode result = pod("""
                {'metadata':{
                   'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'{new}'},
                   'labels':{'tier':null}},
                 'spec':{
                   '$setElementOrder/containers':[{'name':'app'},{'name':'sidecar'}],
                   'containers':[{'image':'nginx:1.26','name':'app'}]}}""");

        JsonNode expected = json(LIVE_POD);
        ((ObjectNode) expected.at("/metadata/labels")).remove("tier");
        ((ObjectNode) expected.at("/metadata/annotations"))
                .put("kubectl.kubernetes.io/last-applied-configuration", "{new}");
        ((ObjectNode) expected.at("/spec/containers/0")).put("image", "nginx:1.26");
        assertThat(result).isEqualTo(expected);
    }

    @Test
    void setElementOrderReordersAndKeepsUnlistedElementsLast() {
        JsonNode target = json("{'spec':{'containers':[{'name':'a'},{'name':'b'},{'name':'injected'},{'name':'c'}]}}");
        JsonNode patch = json("""
                {'spec':{'$setElementOrder/containers':[{'name':'c'},{'name':'new'},{'name':'a'},{'name':'b'}],
                         'containers':[{'name':'new','image':'x'}]}}""");
        JsonNode result = StrategicMergePatch.apply(target, patch, SCHEMA, "Pod");
        assertThat(result.at("/spec/containers")).isEqualTo(json(
                "[{'name':'c'},{'name':'new','image':'x'},{'name':'a'},{'name':'b'},{'name':'injected'}]"));
    }

    @Test
    void setElementOrderAloneReordersTheLiveList() {
        JsonNode target = json("{'metadata':{'finalizers':['x','y','z']}}");
        JsonNode patch = json("{'metadata':{'$setElementOrder/finalizers':['z','x']}}");
        assertThat(StrategicMergePatch.apply(target, patch, SCHEMA, "Pod").at("/metadata/finalizers"))
                .isEqualTo(json("['z','x','y']"));
    }

    @Test
    void patchDeleteRemovesListElementByKey() {
        JsonNode result = pod("{'spec':{'containers':[{'name':'sidecar','$patch':'delete'}]}}");
        assertThat(result.at("/spec/containers")).hasSize(1);
        assertThat(result.at("/spec/containers/0/name").asText()).isEqualTo("app");
    }

    @Test
    void patchDeleteRemovesAWholeMap() {
        JsonNode result = pod("{'status':{'$patch':'delete'},'metadata':{'annotations':{'$patch':'delete'}}}");
        assertThat(result.has("status")).isFalse();
        assertThat(result.at("/metadata").has("annotations")).isFalse();
        assertThat(result.at("/metadata/labels").size()).isEqualTo(2);
    }

    @Test
    void patchReplaceOnAMapReplacesInsteadOfMerging() {
        JsonNode result = pod("{'metadata':{'labels':{'$patch':'replace','only':'this'}}}");
        assertThat(result.at("/metadata/labels")).isEqualTo(json("{'only':'this'}"));
    }

    @Test
    void patchReplaceInAListReplacesTheList() {
        JsonNode result = pod("{'spec':{'containers':[{'$patch':'replace'},{'name':'solo','image':'x'}]}}");
        assertThat(result.at("/spec/containers")).isEqualTo(json("[{'name':'solo','image':'x'}]"));
    }

    @Test
    void patchMergeIsTheDefault() {
        JsonNode result = pod("{'metadata':{'labels':{'$patch':'merge','x':'1'}},"
                + "'spec':{'containers':[{'$patch':'merge'},{'name':'app','image':'y'}]}}");
        assertThat(result.at("/metadata/labels")).isEqualTo(json("{'app':'web','tier':'frontend','x':'1'}"));
        assertThat(result.at("/spec/containers")).hasSize(2);
        assertThat(result.at("/spec/containers/0/image").asText()).isEqualTo("y");
    }

    @Test
    void listWithoutMergeKeyIsReplaced() {
        JsonNode result = pod("{'spec':{'tolerations':[{'key':'c','operator':'Exists'}]}}");
        assertThat(result.at("/spec/tolerations")).isEqualTo(json("[{'key':'c','operator':'Exists'}]"));

        JsonNode node = json("{'spec':{'taints':[{'key':'a','effect':'NoSchedule'}]}}");
        JsonNode patched = StrategicMergePatch.apply(node,
                json("{'spec':{'taints':[{'key':'b','effect':'NoExecute'}]}}"), SCHEMA, "Node");
        assertThat(patched.at("/spec/taints")).isEqualTo(json("[{'key':'b','effect':'NoExecute'}]"));
    }

    @Test
    void retainKeysDropsTheOldVolumeSource() {
        JsonNode target = json("{'spec':{'volumes':[{'name':'data','emptyDir':{}},{'name':'cfg','configMap':{'name':'c'}}]}}");
        JsonNode patch = json("""
                {'spec':{'$setElementOrder/volumes':[{'name':'data'},{'name':'cfg'}],
                         'volumes':[{'$retainKeys':['hostPath','name'],'hostPath':{'path':'/x'},'name':'data'}]}}""");
        JsonNode result = StrategicMergePatch.apply(target, patch, SCHEMA, "Pod");
        assertThat(result.at("/spec/volumes")).isEqualTo(json(
                "[{'name':'data','hostPath':{'path':'/x'}},{'name':'cfg','configMap':{'name':'c'}}]"));
    }

    @Test
    void finalizersUnionAndDeleteFromPrimitiveList() {
        JsonNode target = json("{'metadata':{'finalizers':['a','b']}}");
        JsonNode union = StrategicMergePatch.apply(target, json("{'metadata':{'finalizers':['b','c']}}"), SCHEMA, "Pod");
        assertThat(union.at("/metadata/finalizers")).isEqualTo(json("['a','b','c']"));

        JsonNode deleted = StrategicMergePatch.apply(target,
                json("{'metadata':{'$deleteFromPrimitiveList/finalizers':['a'],'finalizers':['d']}}"), SCHEMA, "Pod");
        assertThat(deleted.at("/metadata/finalizers")).isEqualTo(json("['b','d']"));
    }

    @Test
    void replicationControllerTemplateUsesPodSpecKeys() {
        JsonNode rc = json("""
                {'spec':{'replicas':1,'template':{'metadata':{'labels':{'app':'web'}},
                  'spec':{'containers':[{'name':'a','image':'1'},{'name':'b','image':'1'}]}}}}""");
        JsonNode result = StrategicMergePatch.apply(rc,
                json("{'spec':{'replicas':3,'template':{'spec':{'containers':[{'name':'b','image':'2'}]}}}}"),
                SCHEMA, "ReplicationController");
        assertThat(result.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(result.at("/spec/template/spec/containers")).isEqualTo(
                json("[{'name':'a','image':'1'},{'name':'b','image':'2'}]"));
    }

    @Test
    void servicePortsMergeByPort() {
        JsonNode svc = json("{'spec':{'ports':[{'port':80,'targetPort':8080},{'port':443,'targetPort':8443}]}}");
        JsonNode result = StrategicMergePatch.apply(svc,
                json("{'spec':{'ports':[{'port':443,'targetPort':9443}]}}"), SCHEMA, "Service");
        assertThat(result.at("/spec/ports")).isEqualTo(
                json("[{'port':80,'targetPort':8080},{'port':443,'targetPort':9443}]"));
    }

    @Test
    void newListsAndMapsAreCleanedOfNullsAndDirectives() {
        JsonNode result = StrategicMergePatch.apply(json("{}"), json("""
                {'metadata':{'labels':{'a':'1','gone':null}},
                 'spec':{'containers':[{'name':'x','$patch':'delete'},{'name':'y','env':[{'name':'E','value':null}]}],
                         'affinity':{'$patch':'replace','nodeAffinity':{'$retainKeys':['x']}}}}"""),
                SCHEMA, "Pod");
        assertThat(result).isEqualTo(json("""
                {'metadata':{'labels':{'a':'1'}},
                 'spec':{'containers':[{'name':'y','env':[{'name':'E'}]}],'affinity':{'nodeAffinity':{}}}}"""));
    }

    @Test
    void inputsAreNotModified() {
        JsonNode target = json(LIVE_POD);
        JsonNode patch = json("{'metadata':{'labels':{'tier':null}},'spec':{'containers':[{'name':'app','image':'z'}]}}");
        JsonNode targetBefore = target.deepCopy();
        JsonNode patchBefore = patch.deepCopy();
        StrategicMergePatch.apply(target, patch, SCHEMA, "Pod");
        assertThat(target).isEqualTo(targetBefore);
        assertThat(patch).isEqualTo(patchBefore);
    }

    @Test
    void unknownKindsReplaceEveryList() {
        JsonNode result = StrategicMergePatch.apply(json("{'items':[{'name':'a'}]}"),
                json("{'items':[{'name':'b'}]}"), SCHEMA, "Widget");
        assertThat(result.get("items")).isEqualTo(json("[{'name':'b'}]"));
    }

    @Test
    void malformedPatchesAreRejected() {
        assertThatThrownBy(() -> pod("{'spec':{'containers':[{'image':'no-name'}]}}"))
                .isInstanceOf(PatchException.class).hasMessageContaining("lacks merge key 'name'");
        assertThatThrownBy(() -> pod("{'spec':{'containers':['app']}}"))
                .isInstanceOf(PatchException.class).hasMessageContaining("merge key 'name'");
        assertThatThrownBy(() -> pod("{'metadata':{'labels':{'$patch':'explode'}}}"))
                .isInstanceOf(PatchException.class).hasMessageContaining("unknown patch type");
        assertThatThrownBy(() -> StrategicMergePatch.apply(json("{}"), json("[]"), SCHEMA, "Pod"))
                .isInstanceOf(PatchException.class);
    }
}
