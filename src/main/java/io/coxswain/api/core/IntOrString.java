package io.coxswain.api.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;

/**
 * Kubernetes {@code intstr.IntOrString}: a port given as a number ({@code 8080}) or as a named port
 * ({@code "http"}). The JSON form is the bare number or string, and which one was sent matters
 * (a string "8080" is a port name lookup, not a number), so the kind is kept exactly.
 */
@JsonSerialize(using = IntOrString.Serializer.class)
@JsonDeserialize(using = IntOrString.Deserializer.class)
public record IntOrString(Integer intValue, String stringValue) {

  public IntOrString {
    if ((intValue == null) == (stringValue == null)) {
      throw new IllegalArgumentException("IntOrString holds exactly one of an int or a string");
    }
  }

  public static IntOrString of(int value) {
    return new IntOrString(value, null);
  }

  public static IntOrString of(String value) {
    return new IntOrString(null, value);
  }

  public boolean isInt() {
    return intValue != null;
  }

  /** The int value, or 0 for a string; Kubernetes treats int 0 as "unset". */
  public int intOrZero() {
    return intValue == null ? 0 : intValue;
  }

  @Override
  public String toString() {
    return isInt() ? intValue.toString() : stringValue;
  }

  static final class Serializer extends JsonSerializer<IntOrString> {
    @Override
    public void serialize(IntOrString value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (value.isInt()) {
        gen.writeNumber(value.intValue());
      } else {
        gen.writeString(value.stringValue());
      }
    }
  }

  static final class Deserializer extends JsonDeserializer<IntOrString> {
    @Override
    public IntOrString deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
        return IntOrString.of(p.getIntValue());
      }
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        return IntOrString.of(p.getText());
      }
      return (IntOrString) ctxt.handleUnexpectedToken(IntOrString.class, p);
    }
  }
}
