package dev.mfastepup.it;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A harmless stand-in for a deserialization gadget (SEC-38): it is deployed with the test application, and reading
 * it back from bytes writes a file. A post whose view state carries one must leave no file behind.
 */
final class DeserializationMarker implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String file;

    /** @param file the file that deserializing this object creates. */
    DeserializationMarker(String file) {
        this.file = file;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        Files.writeString(Path.of(file), "deserialized");
    }
}
