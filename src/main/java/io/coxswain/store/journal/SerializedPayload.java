package io.coxswain.store.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

/**
 * An object as Pekko serialization writes it (serializer id, manifest, bytes), framed for a file:
 * what the file journal and snapshot store keep of events and snapshots, so any registered
 * serializer (here the store's own JSON format) decides the bytes.
 */
record SerializedPayload(int serializerId, String manifest, byte[] bytes) {

  static SerializedPayload of(Serialization serialization, Object value) {
    Serializer serializer = serialization.findSerializerFor(value);
    return new SerializedPayload(serializer.identifier(), Serializers.manifestFor(serializer, value),
        serializer.toBinary(value));
  }

  Object deserialize(Serialization serialization) {
    return serialization.deserialize(bytes, serializerId, manifest).get();
  }

  void writeTo(DataOutputStream out) throws IOException {
    out.writeInt(serializerId);
    out.writeUTF(manifest);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static SerializedPayload readFrom(DataInputStream in) throws IOException {
    int id = in.readInt();
    String manifest = in.readUTF();
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new SerializedPayload(id, manifest, bytes);
  }

  static ByteArrayOutputStream buffer(int payloadBytes) {
    return new ByteArrayOutputStream(payloadBytes + 64);
  }
}
