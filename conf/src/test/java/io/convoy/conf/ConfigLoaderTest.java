package io.convoy.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsAreValidAndDocumented() {
    ConvoyConfig c = ConfigLoader.defaults();
    assertEquals("simple-cnn", c.model().arch());
    assertTrue(c.model().classesFromData());
    assertEquals(AveragingMode.PARAMETERS, c.training().averaging().mode());
    assertEquals(UpdaterStatePolicy.AVERAGE, c.training().averaging().updaterState());
    assertEquals("local[*]", c.cluster().master());
    assertNull(c.data().val());
    assertEquals(List.of("resize", "center-crop", "normalize"),
        c.pipeline().train().stream().map(OpSpec::op).toList());
  }

  @Test
  void fileOverridesDefaultsAndSetOverridesFile() throws Exception {
    Path file = write("training { epochs = 7, batch-size = 16 }\nmodel.arch = lenet\n");
    ConvoyConfig c = ConfigLoader.load(file, List.of("training.epochs=3", "output.dir=hdfs://nn:8020/runs/a"));
    assertEquals(3, c.training().epochs());
    assertEquals(16, c.training().batchSize());
    assertEquals("lenet", c.model().arch());
    assertEquals("hdfs://nn:8020/runs/a", c.output().dir());
  }

  @Test
  void laterSetWins() {
    ConvoyConfig c = ConfigLoader.load(null, List.of("training.epochs=3", "training.epochs=4"));
    assertEquals(4, c.training().epochs());
  }

  @Test
  void eachBadValueIsRejectedWithKeyValueAndWhatIsAllowed() {
    assertProblem("training.batch-size=0", "training.batch-size", "0", "[1, 65536]");
    assertProblem("training.epochs=2.5", "training.epochs", "2.5", "whole number");
    assertProblem("training.workers=-1", "training.workers", "-1", "whole number");
    assertProblem("training.averaging.mode=sometimes", "training.averaging.mode", "sometimes",
        "parameters, gradients");
    assertProblem("training.averaging.updater-state=drop", "training.averaging.updater-state", "drop",
        "average, local, reset");
    assertProblem("training.averaging.frequency=0", "training.averaging.frequency", "0", "whole number");
    assertProblem("model.arch=resnet9000", "model.arch", "resnet9000", "simple-cnn, lenet");
    assertProblem("model.classes=1", "model.classes", "1", "auto");
    assertProblem("optimizer.name=adagrad", "optimizer.name", "adagrad", "sgd, momentum, nesterov, adam, rmsprop");
    assertProblem("optimizer.lr=0", "optimizer.lr", "0", "(0, 10]");
    assertProblem("optimizer.momentum=1.5", "optimizer.momentum", "1.5", "[0, 1)");
    assertProblem("data.channels=2", "data.channels", "2", "1, 3");
    assertProblem("data.image-size=4", "data.image-size", "4", "[8, 4096]");
    assertProblem("data.val-fraction=0.95", "data.val-fraction", "0.95", "[0, 0.9]");
    assertProblem("data.val-fraction=0", "data.val-fraction", "0 with data.val unset", "data.val");
    assertProblem("cluster.master=localhost", "cluster.master", "localhost", "spark://");
    assertProblem("cluster.threads-per-worker=0", "cluster.threads-per-worker", "0", "whole number");
    assertProblem("training.engine=torch", "training.engine", "torch", "convoy");
    assertProblem("training.seed=abc", "training.seed", "abc", "whole number");
    assertProblem("output.dir=\"\"", "output.dir", "\"\"", "non-empty");
  }

  @Test
  void pipelineOperationsAreChecked() {
    assertProblem("pipeline.train=[resize, blur]", "pipeline.train[1]", "blur", "center-crop, normalize, resize");
    assertProblem("pipeline.train=[{op = resize, size = -3}]", "pipeline.train[0].size", "-3", "positive");
    assertProblem("pipeline.eval=[{op = normalize, std = [1, 0, 1]}]", "pipeline.eval[0].std", "[1, 0, 1]",
        "positive");
    assertProblem("pipeline.eval=[{op = normalize, mean = [1, 0]}]", "pipeline.eval[0].mean", "[1, 0]",
        "one number or 3");
    assertProblem("pipeline.train=[{op = resize, angle = 3}]", "pipeline.train[0].angle", "3", "[size]");
    ConvoyConfig c = ConfigLoader.load(null,
        List.of("pipeline.train=[{op = resize, size = 40}, center-crop, {op = normalize, mean = [0.4, 0.5, 0.6]}]"));
    OpSpec resize = c.pipeline().train().get(0);
    assertEquals(40.0, resize.scalar("size", 0));
    assertEquals(List.of(0.4, 0.5, 0.6), c.pipeline().train().get(2).vector("mean", List.of()));
  }

  @Test
  void unknownKeysAreRejectedWithASuggestion() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("training.epoch=3")));
    ConfigProblem p = e.problems().get(0);
    assertEquals("training.epoch", p.key());
    assertTrue(p.allowed().contains("did you mean training.epochs?"), p.allowed());
  }

  @Test
  void severalProblemsAreReportedTogether() throws Exception {
    Path file = write("training.batch-size = -1\nmodel.arch = vgg\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(file, List.of("optimizer.lr=-2", "bogus.key=1")));
    List<String> keys = e.problems().stream().map(ConfigProblem::key).toList();
    assertTrue(keys.containsAll(List.of("training.batch-size", "model.arch", "optimizer.lr", "bogus.key")), keys.toString());
    assertTrue(e.getMessage().startsWith("invalid configuration (4 problems):"), e.getMessage());
  }

  @Test
  void malformedInputIsAClearError() throws Exception {
    ConfigException noEquals = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of("epochs")));
    assertEquals("--set", noEquals.problems().get(0).key());
    ConfigException missing = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(dir.resolve("nope.conf"), List.of()));
    assertTrue(missing.getMessage().contains("nope.conf"));
    Path broken = write("training { epochs = \n");
    ConfigException parse = assertThrows(ConfigException.class, () -> ConfigLoader.load(broken, List.of()));
    assertTrue(parse.getMessage().contains("valid HOCON"), parse.getMessage());
    ConfigException wrongType = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("training.epochs=[1,2]")));
    assertEquals("training.epochs", wrongType.problems().get(0).key());
  }

  @Test
  void renderedConfigLoadsBackEqual() throws Exception {
    ConvoyConfig c = ConfigLoader.load(null, List.of("data.val=/tmp/v", "model.classes=7",
        "pipeline.eval=[{op = normalize, mean = [0.4, 0.5, 0.6], std = 0.2}]", "training.seed=12345678901"));
    assertEquals(c, ConfigLoader.parse(ConfigRenderer.render(c)));
    ConvoyConfig d = ConfigLoader.defaults();
    assertEquals(d, ConfigLoader.parse(ConfigRenderer.render(d)));
  }

  @Test
  void configIsSerializable() throws Exception {
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(ConfigLoader.defaults());
    }
  }

  @Test
  void everyExampleJobLoads() throws Exception {
    Path examples = Path.of("examples");
    try (var files = Files.list(examples)) {
      List<Path> confs = files.filter(p -> p.toString().endsWith(".conf")).toList();
      assertTrue(confs.size() >= 2, "examples: " + confs);
      for (Path p : confs) {
        ConfigLoader.load(p, List.of());
      }
    }
  }

  private Path write(String text) throws Exception {
    Path file = Files.createTempFile(dir, "job", ".conf");
    Files.writeString(file, text);
    return file;
  }

  private static void assertProblem(String override, String key, String found, String allowedPart) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of(override)),
        override);
    ConfigProblem p = e.problems().stream().filter(q -> q.key().equals(key)).findFirst()
        .orElseThrow(() -> new AssertionError("no problem for " + key + " in " + e.problems()));
    assertTrue(p.found().contains(found), p + " should show value " + found);
    assertTrue(p.allowed().contains(allowedPart), p + " should say " + allowedPart);
  }
}
