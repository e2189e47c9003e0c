package io.convoy.model;

import io.convoy.conf.names.BackendName;
import java.util.Set;

/**
 * The backend that computes a replica's gradients, and why: what {@code model.backend} names, or
 * for {@code auto} the faster one that can run here. Resolved once, where a run's first replica is
 * built (the driver), and pinned into the run's {@link ModelSpec}, so every replica of the run
 * trains on the same backend and the {@code start} event can name it.
 *
 * @param backend dl4j or libtorch, never auto
 * @param reason one sentence for the start event and the console
 */
public record BackendChoice(BackendName backend, String reason) {
  /**
   * Where {@code convoy bench step} measured libtorch faster than DL4J per step, same threads
   * (docs/benchmarks.md): the ResNets, 1.5-4.6x, and alexnet, 1.5-1.7x. Not lenet, simple-cnn
   * (DL4J's speed or faster) or vgg and googlenet (not measured since the allocator settings).
   */
  static final Set<String> LIBTORCH_FASTER = Set.of("resnet18", "resnet34", "resnet50", "resnet101", "resnet20",
      "resnet32", "resnet56", "alexnet");

  public BackendChoice {
    if (backend == BackendName.AUTO) {
      throw new IllegalArgumentException("a choice names a backend, not auto");
    }
  }

  /**
   * What trains {@code spec}'s network before anything is built: the configured backend, or for auto
   * libtorch where it is measured faster for the architecture, on the class path, and ND4J runs on
   * the CPU (libtorch's backend is CPU only). Whether libtorch can replay the configured network
   * exactly is known only once it is built: {@link Backends#attach} falls back to DL4J then.
   */
  static BackendChoice of(ModelSpec spec) {
    BackendName configured = spec.model().backend();
    if (configured != BackendName.AUTO) {
      return new BackendChoice(configured, "model.backend = " + configured.configName());
    }
    String auto = "model.backend = auto: ";
    if (!LIBTORCH_FASTER.contains(spec.arch())) {
      return new BackendChoice(BackendName.DL4J, auto + "libtorch is not measured faster than DL4J for "
          + spec.arch());
    }
    if (!NativeVariant.onCpu(org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getName())) {
      return new BackendChoice(BackendName.DL4J, auto + "ND4J runs on CUDA; the libtorch backend is CPU only");
    }
    if (Backends.find(BackendName.LIBTORCH).isEmpty()) {
      return new BackendChoice(BackendName.DL4J, auto + "libtorch is not on the class path (module torch)");
    }
    return new BackendChoice(BackendName.LIBTORCH, auto + "libtorch is measured faster than DL4J for " + spec.arch());
  }

  /** The choice when libtorch, chosen by auto, cannot replay the configured network exactly. */
  static BackendChoice fallback(String why) {
    return new BackendChoice(BackendName.DL4J, "model.backend = auto: libtorch cannot train this network (" + why
        + ")");
  }
}
