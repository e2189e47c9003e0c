package io.convoy.model;

import io.convoy.conf.BackendName;
import io.convoy.conf.ConfigException;
import java.util.ServiceLoader;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** Puts the backend {@code model.backend} names in charge of a new network's gradients. */
final class Backends {
  private Backends() {}

  /**
   * {@code net} itself for dl4j; else {@code net} with its training pass computed by the named
   * {@link GradientBackend}.
   *
   * @throws ConfigException when the backend is not on the class path or cannot train the architecture
   */
  static Network attach(ModelSpec spec, Network net) {
    BackendName name = spec.model().backend();
    if (name == BackendName.DL4J) {
      return net;
    }
    GradientBackend backend = find(name);
    if (!(net.dl4j() instanceof ComputationGraph graph)) {
      throw new ConfigException("model.backend", name.configName() + " with model.arch = " + spec.arch()
          + " (a layer stack, not a graph)", name.configName() + " trains " + backend.supports()
          + "; dl4j trains every architecture");
    }
    return new EngineNetwork(net, backend.engine(spec.arch(), graph));
  }

  private static GradientBackend find(BackendName name) {
    for (GradientBackend b : ServiceLoader.load(GradientBackend.class)) {
      if (b.name().equals(name.configName())) {
        return b;
      }
    }
    throw new ConfigException("model.backend", name.configName() + " (no " + GradientBackend.class.getName()
        + " named so on the class path)", "dl4j, or libtorch with the convoy-torch jar (module torch) "
        + "and its libtorch natives on the class path");
  }
}
