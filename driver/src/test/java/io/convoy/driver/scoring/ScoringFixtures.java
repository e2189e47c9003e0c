package io.convoy.driver.scoring;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.common.ModelSpecs;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.pipeline.ImagePipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Models and images the scoring tests share. */
final class ScoringFixtures {
  private ScoringFixtures() {}

  /**
   * An untrained network of 3 classes on 16-pixel inputs with the default eval pipeline;
   * {@code batchNorm} puts batch normalization after each convolution.
   */
  static ShippedModel untrained(boolean batchNorm, long seed) {
    ConvoyConfig config = ConfigLoader.load(null, List.of("data.image-size=16", "model.batch-norm=" + batchNorm));
    ModelSpec spec = ModelSpecs.of(config, 3, 1, 1);
    return new ShippedModel(List.of("a", "b", "c"), spec, ImagePipeline.of(config.pipeline().eval(), config.data()),
        Replica.initialize(spec, seed).parameters());
  }

  /** The encoded bytes of every image file under {@code root}, in path order. */
  static List<byte[]> images(Path root) throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (Path p : files(root)) {
      out.add(Files.readAllBytes(p));
    }
    return out;
  }

  /** The files under {@code root}, in path order. */
  static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
