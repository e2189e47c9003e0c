package io.convoy.driver.modelzip;

import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.common.ModelSpecs;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.pipeline.ImagePipeline;
import java.util.Arrays;
import java.util.List;

/**
 * A trained model as {@code convoy evaluate} and {@code convoy predict} use it: its parameters,
 * class names and configuration (architecture, input size, eval pipeline), as
 * {@link ModelZip#read} found them in a run's output folder or a {@code model.zip}.
 *
 * @param uri the model.zip read
 * @param labels class names in label order
 * @param config the configuration the model was trained with
 * @param parameters the network's flat parameter vector
 * @param zip the whole model.zip, for what needs DL4J's own view of the network
 */
public record LoadedModel(String uri, List<String> labels, ConvoyConfig config, float[] parameters, byte[] zip) {

  /** The network's specification: the stored configuration with the stored number of classes. */
  public ModelSpec spec() {
    return ModelSpecs.of(config, labels.size(), 1, 1);
  }

  /** A network holding the stored parameters. */
  public Replica replica() {
    return Replica.withParameters(spec(), parameters);
  }

  /** The preprocessing validation used ({@code pipeline.eval} of the stored configuration). */
  public ImagePipeline evalPipeline() {
    return ImagePipeline.of(config.pipeline().eval(), config.data());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoadedModel m && uri.equals(m.uri) && Arrays.equals(parameters, m.parameters);
  }

  @Override
  public int hashCode() {
    return uri.hashCode();
  }

  @Override
  public String toString() {
    return "LoadedModel[" + uri + ", " + labels.size() + " classes, " + parameters.length + " parameters]";
  }
}
