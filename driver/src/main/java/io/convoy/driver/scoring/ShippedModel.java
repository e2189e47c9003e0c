package io.convoy.driver.scoring;

import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.model.ModelSpec;
import io.convoy.pipeline.ImagePipeline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What an executor needs to score with a model, as it travels there: no zip to parse and no
 * storage to read on the executor. It travels as Java-serialized bytes ({@link #toBytes}): Spark's
 * Kryo cannot write records, and the bytes are read once per JVM, by {@link ModelCache}.
 *
 * @param labels class names in label order
 * @param spec the network's specification
 * @param pipeline the eval pipeline stored with the model
 * @param parameters the network's flat parameter vector
 */
public record ShippedModel(List<String> labels, ModelSpec spec, ImagePipeline pipeline, float[] parameters)
    implements Serializable {

  public ShippedModel {
    labels = List.copyOf(labels);
  }

  public static ShippedModel of(LoadedModel model) {
    return new ShippedModel(model.labels(), model.spec(), model.evalPipeline(), model.parameters());
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize the model: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  static ShippedModel fromBytes(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (ShippedModel) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot read the shipped model: " + e.getMessage(), e);
    }
  }
}
