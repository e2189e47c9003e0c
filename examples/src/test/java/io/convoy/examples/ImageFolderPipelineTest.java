package io.convoy.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example application end to end, in local[2], on generated class folders. */
class ImageFolderPipelineTest {
  @TempDir Path dir;

  @Test
  void trainsSavesReloadsAndPrintsTheValidationAccuracy() throws Exception {
    Path data = dir.resolve("data");
    SyntheticDataset.generate(new ShapesSpec(3, 16, 6, 16, "png", 3), data);
    Path model = dir.resolve("model");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    double accuracy = ImageFolderPipeline.run(new String[] {data.resolve("train").toString(),
        data.resolve("val").toString(), model.toUri().toString(), "--master", "local[2]", "--epochs", "2",
        "--image-size", "16", "--batch-size", "8", "--workers", "2"}, new PrintStream(printed, true, "UTF-8"));
    String out = printed.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("validation accuracy ") && out.contains("of 18 images"), out);
    assertTrue(accuracy > 1.0 / 3, "no better than chance: " + out);
    // The saved convoy stage is a model convoy evaluate/predict can read.
    try (Stream<Path> stages = Files.list(model.resolve("stages"))) {
      Path convoy = stages.filter(p -> p.getFileName().toString().startsWith("1_")).findFirst().orElseThrow();
      LoadedModel loaded = ModelZip.read(convoy.toString(), new Configuration());
      assertTrue(loaded.labels().size() == 3, loaded.labels().toString());
    }
  }
}
