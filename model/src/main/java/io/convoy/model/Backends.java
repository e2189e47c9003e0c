package io.convoy.model;

import io.convoy.conf.ConfigException;
import io.convoy.conf.names.BackendName;
import java.util.Optional;
import java.util.ServiceLoader;

/** Puts the backend {@code model.backend} names (or {@code auto} chooses) in charge of a new network's gradients. */
final class Backends {
  private Backends() {}

  /** A network with its training pass, and which backend computes it and why. */
  record Attached(Network network, BackendChoice choice) {}

  /**
   * {@code net} itself for dl4j; else {@code net} with its training pass computed by the chosen
   * {@link GradientBackend}. Under {@code auto}, a network libtorch cannot replay exactly trains on
   * DL4J, saying why.
   *
   * @throws ConfigException when the named backend is not on the class path or cannot train the architecture
   */
  static Attached attach(ModelSpec spec, Network net) {
    BackendChoice choice = BackendChoice.of(spec);
    if (choice.backend() == BackendName.DL4J) {
      return new Attached(net, choice);
    }
    try {
      return new Attached(engine(spec, net, choice.backend()), choice);
    } catch (ConfigException e) {
      if (spec.model().backend() != BackendName.AUTO) {
        throw e;
      }
      return new Attached(net, BackendChoice.fallback(e.getMessage()));
    }
  }

  private static Network engine(ModelSpec spec, Network net, BackendName name) {
    GradientBackend backend = find(name).orElseThrow(() -> new ConfigException("model.backend", name.configName()
        + " (no " + GradientBackend.class.getName() + " named so on the class path)", "dl4j, or libtorch with the "
        + "convoy-torch jar (module torch) and its libtorch natives on the class path"));
    // Stacks and graphs alike: the backend says which layers it cannot replay.
    return new EngineNetwork(net, backend.engine(spec.arch(), net.dl4j()));
  }

  /** The backend of the class path that {@code model.backend = name} selects, if there is one. */
  static Optional<GradientBackend> find(BackendName name) {
    for (GradientBackend b : ServiceLoader.load(GradientBackend.class)) {
      if (b.name().equals(name.configName())) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }
}
