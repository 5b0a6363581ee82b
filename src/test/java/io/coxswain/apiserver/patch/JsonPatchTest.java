package io.coxswain.apiserver.patch;

import static io.coxswain.apiserver.patch.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPatchTest {

    /** The successful examples of RFC 6902 Appendix A: document | patch | result. */
    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // A.1 adding an object member
        "{'foo':'bar'} | [{'op':'add','path':'/baz','value':'qux'}] | {'baz':'qux','foo':'bar'}",
        // A.2 adding an array element
        "{'foo':['bar','baz']} | [{'op':'add','path':'/foo/1','value':'qux'}] | {'foo':['bar','qux','baz']}",
        // A.3 removing an object member
        "{'baz':'qux','foo':'bar'} | [{'op':'remove','path':'/baz'}] | {'foo':'bar'}",
        // A.4 removing an array element
        "{'foo':['bar','qux','baz']} | [{'op':'remove','path':'/foo/1'}] | {'foo':['bar','baz']}",
        // A.5 replacing a value
        "{'baz':'qux','foo':'bar'} | [{'op':'replace','path':'/baz','value':'boo'}] | {'baz':'boo','foo':'bar'}",
        // A.6 moving a value
        "{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}"
                + " | [{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]"
                + " | {'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}",
        // A.7 moving an array element
        "{'foo':['all','grass','cows','eat']} | [{'op':'move','from':'/foo/1','path':'/foo/3'}]"
                + " | {'foo':['all','cows','eat','grass']}",
        // A.8 testing a value: success
        "{'baz':'qux','foo':['a',2,'c']} | [{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2}]"
                + " | {'baz':'qux','foo':['a',2,'c']}",
        // A.10 adding a nested member object
        "{'foo':'bar'} | [{'op':'add','path':'/child','value':{'grandchild':{}}}] | {'foo':'bar','child':{'grandchild':{}}}",
        // A.11 ignoring unrecognized elements
        "{'foo':'bar'} | [{'op':'add','path':'/baz','value':'qux','xyz':123}] | {'foo':'bar','baz':'qux'}",
        // A.14 ~ escape ordering
        "{'/':9,'~1':10} | [{'op':'test','path':'/~01','value':10}] | {'/':9,'~1':10}",
        // A.16 adding an array value
        "{'foo':['bar']} | [{'op':'add','path':'/foo/-','value':['abc','def']}] | {'foo':['bar',['abc','def']]}",
        // beyond the appendix: copy, replace of the root, test of null, numeric equality
        "{'a':{'b':1}} | [{'op':'copy','from':'/a','path':'/c'}] | {'a':{'b':1},'c':{'b':1}}",
        "{'a':1} | [{'op':'replace','path':'','value':[1]}] | [1]",
        "{'a':null} | [{'op':'test','path':'/a','value':null}] | {'a':null}",
        "{'a':1} | [{'op':'test','path':'/a','value':1.0}] | {'a':1}",
        "{'a/b':1,'m~n':2} | [{'op':'remove','path':'/a~1b'},{'op':'replace','path':'/m~0n','value':3}] | {'m~n':3}",
        "{'a':[1,2]} | [{'op':'add','path':'/a/2','value':3}] | {'a':[1,2,3]}",
        "{'a':{'b':[1]}} | [{'op':'move','from':'/a/b','path':'/c'}] | {'a':{},'c':[1]}",
    })
    void rfc6902Examples(String document, String patch, String expected) {
        assertThat(JsonPatch.apply(json(document), json(patch))).isEqualTo(json(expected));
    }

    /** Failing cases, including RFC 6902 A.9, A.12 and A.15. */
    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{'baz':'qux'} | [{'op':'test','path':'/baz','value':'bar'}] | test failed",
        "{'foo':'bar'} | [{'op':'add','path':'/baz/bat','value':'qux'}] | does not exist",
        "{'/':9,'~1':10} | [{'op':'test','path':'/~01','value':'10'}] | test failed",
        "{'a':1} | [{'op':'remove','path':'/b'}] | does not exist",
        "{'a':1} | [{'op':'replace','path':'/b','value':2}] | does not exist",
        "{'a':[1]} | [{'op':'add','path':'/a/2','value':2}] | out of bounds",
        "{'a':[1]} | [{'op':'add','path':'/a/01','value':2}] | out of bounds",
        "{'a':[1]} | [{'op':'remove','path':'/a/-'}] | does not exist",
        "{'a':{'b':1}} | [{'op':'move','from':'/a','path':'/a/c'}] | own child",
        "{'a':1} | [{'op':'frob','path':'/a'}] | unknown operation",
        "{'a':1} | [{'op':'add','path':'/b'}] | 'value' is missing",
        "{'a':1} | [{'op':'add','value':1}] | 'path' is missing",
        "{'a':1} | [{'op':'add','path':'b','value':1}] | must be empty or start with '/'",
        "{'a':1} | [{'op':'add','path':'/~2','value':1}] | invalid escape",
        "{'a':1} | [{'op':'copy','from':'/x','path':'/b'}] | does not exist",
        "{'a':1} | {'op':'add','path':'/b','value':1} | must be an array",
    })
    void failures(String document, String patch, String message) {
        assertThatThrownBy(() -> JsonPatch.apply(json(document), json(patch)))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining(message);
    }

    @Test
    void failedTestAbortsWholePatchAndLeavesInputAlone() {
        JsonNode doc = json("{'spec':{'replicas':1}}");
        JsonNode patch = json("[{'op':'replace','path':'/spec/replicas','value':3},"
                + "{'op':'test','path':'/metadata/resourceVersion','value':'7'}]");
        assertThatThrownBy(() -> JsonPatch.apply(doc, patch))
                .isInstanceOf(PatchException.class)
                .hasMessageStartingWith("JSON patch operation 1 (test /metadata/resourceVersion): test failed");
        assertThat(doc).isEqualTo(json("{'spec':{'replicas':1}}"));
    }

    @Test
    void addedValuesAreCopies() {
        JsonNode patch = json("[{'op':'add','path':'/a','value':{'b':1}}]");
        JsonNode result = JsonPatch.apply(json("{}"), patch);
        ((ObjectNode) result.get("a")).put("b", 2);
        assertThat(patch.get(0).get("value").get("b").asInt()).isEqualTo(1);
    }
}
