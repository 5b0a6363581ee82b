package io.coxswain.apiserver.patch;

import static io.coxswain.apiserver.patch.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonMergePatchTest {

    /** The test cases of RFC 7386 Appendix A: original | patch | result. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{'a':'b'}                 | {'a':'c'}               | {'a':'c'}",
        "{'a':'b'}                 | {'b':'c'}               | {'a':'b','b':'c'}",
        "{'a':'b'}                 | {'a':null}              | {}",
        "{'a':'b','b':'c'}         | {'a':null}              | {'b':'c'}",
        "{'a':['b']}               | {'a':'c'}               | {'a':'c'}",
        "{'a':'c'}                 | {'a':['b']}             | {'a':['b']}",
        "{'a':{'b':'c'}}           | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
        "{'a':[{'b':'c'}]}         | {'a':[1]}               | {'a':[1]}",
        "['a','b']                 | ['c','d']               | ['c','d']",
        "{'a':'b'}                 | ['c']                   | ['c']",
        "{'a':'foo'}               | null                    | null",
        "{'a':'foo'}               | 'bar'                   | 'bar'",
        "{'e':null}                | {'a':1}                 | {'e':null,'a':1}",
        "[1,2]                     | {'a':'b','c':null}      | {'a':'b'}",
        "{}                        | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}",
    })
    void rfc7386AppendixA(String original, String patch, String expected) {
        assertThat(JsonMergePatch.apply(json(original), json(patch))).isEqualTo(json(expected));
    }

    @Test
    void inputsAreNotModified() {
        JsonNode target = json("{'metadata':{'labels':{'a':'1','b':'2'}}}");
        JsonNode patch = json("{'metadata':{'labels':{'a':null,'c':{'d':1}}}}");
        JsonNode before = target.deepCopy();
        JsonNode patchBefore = patch.deepCopy();

        JsonNode result = JsonMergePatch.apply(target, patch);

        assertThat(result).isEqualTo(json("{'metadata':{'labels':{'b':'2','c':{'d':1}}}}"));
        assertThat(target).isEqualTo(before);
        assertThat(patch).isEqualTo(patchBefore);
        ((ObjectNode) result.get("metadata").get("labels").get("c")).put("x", 1);
        assertThat(patch).as("result shares no nodes with the patch").isEqualTo(patchBefore);
    }

    @Test
    void kubectlLabelShape() {
        JsonNode pod = json("{'metadata':{'name':'p','labels':{'app':'web','old':'x'}},'spec':{'containers':[{'name':'c'}]}}");
        JsonNode result = JsonMergePatch.apply(pod, json("{'metadata':{'labels':{'old':null,'new':'y'}}}"));
        assertThat(result.get("metadata").get("labels")).isEqualTo(json("{'app':'web','new':'y'}"));
        assertThat(result.get("spec")).isEqualTo(pod.get("spec"));
    }
}
