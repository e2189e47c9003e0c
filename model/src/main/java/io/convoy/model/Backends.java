package io.convoy.model;

import io.convoy.conf.BackendName;
import io.convoy.conf.ConfigException;
import java.util.ServiceLoader;

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
    // Stacks and graphs alike: the backend says which layers it cannot replay.
    return new EngineNetwork(net, find(name).engine(spec.arch(), net.dl4j()));
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
