package io.convoy.conf;

import io.convoy.conf.names.AveragingMode;
import io.convoy.conf.names.BackendName;
import io.convoy.conf.names.UpdaterStatePolicy;
import io.convoy.conf.settings.ConfigRenderer;
import io.convoy.conf.settings.PipelineOps;
import io.convoy.conf.settings.PipelinePresets;
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
    assertProblem("training.transport=mpi", "training.transport", "mpi", "jobs, allreduce");
    assertProblem("training.allreduce.port-range=80-90", "training.allreduce.port-range", "80-90", "LOW-HIGH");
    assertProblem("training.allreduce.port-range=\"6000-5000\"", "training.allreduce.port-range", "6000-5000",
        "[1024, 65535]");
    assertProblem("training.allreduce.timeout=10ms", "training.allreduce.timeout", "10ms", "duration");
    assertProblem("training.allreduce.chunk-size=12", "training.allreduce.chunk-size", "12", "size");
    assertProblem("training.allreduce.compression=fp8", "training.allreduce.compression", "fp8", "none, bf16");
    assertProblem("training.allreduce.fallback-to-jobs=maybe", "training.allreduce.fallback-to-jobs", "maybe",
        "true or false");
    assertProblem("output.dir=\"\"", "output.dir", "\"\"", "non-empty");
  }

  @Test
  void allreduceTransportSettingsBindAndNeedConvoysEngine() {
    TrainingConfig defaults = ConfigLoader.defaults().training();
    assertEquals("jobs", defaults.transport().configName());
    assertEquals(new AllreduceConfig(0, 0, 120_000, 1 << 20, "none", false), defaults.allreduce());
    TrainingConfig t = ConfigLoader.load(null, List.of("training.transport=allreduce",
        "training.allreduce.port-range=\"50000-50100\"", "training.allreduce.timeout=30s",
        "training.allreduce.chunk-size=256k", "training.allreduce.compression=bf16",
        "training.allreduce.fallback-to-jobs=true")).training();
    assertEquals("allreduce", t.transport().configName());
    assertEquals(new AllreduceConfig(50000, 50100, 30_000, 256 * 1024, "bf16", true), t.allreduce());
    assertEquals(50000, ConfigLoader.load(null, List.of("training.allreduce.port-range=50000"))
        .training().allreduce().portHigh());
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
        List.of("training.transport=allreduce", "training.engine=dl4j-paramavg")));
    ConfigProblem p = e.problems().get(0);
    assertEquals("training.transport", p.key());
    assertEquals("allreduce with training.engine = dl4j-paramavg", p.found());
    assertTrue(p.allowed().contains("training.engine = convoy"), p.allowed());
  }

  @Test
  void backendIsAutoByDefaultAndLibtorchNeedsConvoysEngine() {
    assertEquals(BackendName.AUTO, ConfigLoader.load(null, List.of()).model().backend());
    assertEquals(BackendName.DL4J, ConfigLoader.load(null, List.of("model.backend=dl4j")).model().backend());
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
        List.of("model.backend=libtorch", "training.engine=dl4j-paramavg")));
    ConfigProblem p = e.problems().get(0);
    assertEquals("model.backend", p.key());
    assertEquals("libtorch with training.engine = dl4j-paramavg", p.found());
    assertTrue(p.allowed().contains("dl4j or auto"), p.allowed());
    ConfigLoader.load(null, List.of("training.engine=dl4j-paramavg")); // auto: DL4J then
  }

  @Test
  void pipelineOperationsAreChecked() {
    assertProblem("pipeline.train=[resize, blur]", "pipeline.train[1]", "blur", "random-resized-crop");
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
  void badOperationParametersNameKeyValueAndWhatIsAllowed() {
    assertProblem("pipeline.train=[resize, center-crop, {op = mirror, p = 1.5}]", "pipeline.train[2].p", "1.5",
        "a number in [0, 1]");
    assertProblem("pipeline.train=[{op = random-resized-crop, scale = [0.9, 0.2]}]", "pipeline.train[0].scale",
        "[0.9, 0.2]", "low <= high");
    assertProblem("pipeline.train=[{op = random-resized-crop, scale = 0.5}]", "pipeline.train[0].scale",
        "0.5", "[low, high]");
    assertProblem("pipeline.train=[{op = random-resized-crop, ratio = [0, 2]}]", "pipeline.train[0].ratio",
        "[0, 2]", "(0, inf)");
    assertProblem("pipeline.train=[{op = random-crop, padding = 2.5}]", "pipeline.train[0].padding", "2.5",
        "whole number");
    assertProblem("pipeline.train=[{op = color-jitter, hue = 0.7}]", "pipeline.train[0].hue", "0.7",
        "[-0.5, 0.5]");
    assertProblem("pipeline.train=[{op = color-jitter, brightness = -1}]", "pipeline.train[0].brightness", "-1",
        "[0, inf)");
    assertProblem("pipeline.train=[{op = lighting, eigval = [1, 2]}]", "pipeline.train[0].eigval", "[1, 2]",
        "3 numbers");
    assertProblem("pipeline.train=[{op = rotate, degrees = 200}]", "pipeline.train[0].degrees", "200",
        "[-180, 180]");
    assertProblem("pipeline.train=[{op = affine, translate = [0.1, 2]}]", "pipeline.train[0].translate",
        "[0.1, 2]", "[0, 1]");
    assertProblem("pipeline.train=[{op = noise, sigma = x}]", "pipeline.train[0].sigma", "x", "number");
    assertProblem("pipeline.train=[{op = mirror, size = 3}]", "pipeline.train[0].size", "3", "[p]");
    assertProblem("pipeline.train=[{op = zoom}]", "pipeline.train[0].op", "zoom", "affine");
    assertProblem("pipeline.train=[3]", "pipeline.train[0]", "3", "operation name");
    assertProblem("pipeline.train=imagenet", "pipeline.train", "imagenet", "imagenet-train");
    assertProblem("pipeline.eval=[resize, mirror, center-crop]", "pipeline.eval", "mirror", "without randomness");
    ConfigException gray = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("data.channels=1", "pipeline.train=[lighting]")));
    assertTrue(gray.getMessage().contains("pipeline.train[0]") && gray.getMessage().contains("data.channels = 3"),
        gray.getMessage());
  }

  @Test
  void everyOperationAndItsParametersAreAccepted() {
    ConvoyConfig c = ConfigLoader.load(null, List.of("pipeline.train=["
        + "{op = resize, size = 40}, {op = random-crop, size = 36, padding = 2},"
        + "{op = random-resized-crop, size = 32, scale = [0.2, 1], ratio = [0.5, 2]}, {op = mirror, p = 0.3},"
        + "{op = color-jitter, brightness = 0.2, contrast = [0.5, 1.5], saturation = 0, hue = [-0.1, 0.2]},"
        + "{op = lighting, sigma = 0.2, eigval = [1, 2, 3], eigvec = [1, 0, 0, 0, 1, 0, 0, 0, 1]},"
        + "{op = rotate, degrees = [-5, 15]}, {op = affine, degrees = 3, translate = [0.1, 0.2], scale = [0.9, 1.1],"
        + " shear = 4}, {op = noise, sigma = 0.05}, center-crop, {op = normalize, mean = 0.5, std = [1, 2, 3]}]"));
    List<OpSpec> ops = c.pipeline().train();
    assertEquals(PipelineOps.OPS.keySet(), new java.util.HashSet<>(ops.stream().map(OpSpec::op).toList()));
    assertEquals(List.of(-0.1, 0.2), ops.get(4).vector("hue", List.of()));
    assertEquals(c, ConfigLoader.parse(ConfigRenderer.render(c)));
  }

  @Test
  void presetsExpandAsDocumented() {
    ConvoyConfig c = ConfigLoader.load(null, List.of("data.image-size=224", "pipeline.train=imagenet-train",
        "pipeline.eval=imagenet-eval"));
    assertEquals(List.of("random-resized-crop", "mirror", "color-jitter", "lighting", "normalize"),
        c.pipeline().train().stream().map(OpSpec::op).toList());
    assertEquals(224.0, c.pipeline().train().get(0).scalar("size", 0));
    assertEquals(List.of(0.08, 1.0), c.pipeline().train().get(0).vector("scale", List.of()));
    assertEquals(0.4, c.pipeline().train().get(2).scalar("saturation", 0));
    assertEquals(PipelineOps.IMAGENET_STD, c.pipeline().train().get(4).vector("std", List.of()));
    assertEquals(List.of("resize", "center-crop", "normalize"), c.pipeline().eval().stream().map(OpSpec::op).toList());
    assertEquals(256.0, c.pipeline().eval().get(0).scalar("size", 0));
    assertEquals(c, ConfigLoader.parse(ConfigRenderer.render(c)));

    ConvoyConfig cifar = ConfigLoader.load(null, List.of("pipeline.train=[cifar-train, {op = noise, sigma = 0.01}]"));
    assertEquals(List.of("random-crop", "mirror", "normalize", "noise"),
        cifar.pipeline().train().stream().map(OpSpec::op).toList());
    assertEquals(4.0, cifar.pipeline().train().get(0).scalar("padding", 0));
    assertEquals(32.0, cifar.pipeline().train().get(0).scalar("size", 0));

    ConvoyConfig mnist = ConfigLoader.load(null, List.of("data.channels=1", "data.image-size=28",
        "pipeline.train=mnist", "pipeline.eval=mnist"));
    assertEquals(List.of("resize", "center-crop", "normalize"), mnist.pipeline().train().stream().map(OpSpec::op).toList());
    assertEquals(List.of(0.1307), mnist.pipeline().eval().get(2).vector("mean", List.of()));

    ConvoyConfig gray = ConfigLoader.load(null, List.of("data.channels=1", "pipeline.train=imagenet-train"));
    assertEquals(List.of("random-resized-crop", "mirror", "color-jitter", "normalize"),
        gray.pipeline().train().stream().map(OpSpec::op).toList());
    assertEquals(1, gray.pipeline().train().get(3).vector("mean", List.of()).size());
    for (String preset : PipelinePresets.NAMES) {
      assertEquals(PipelinePresets.of(preset, 32, 3),
          ConfigLoader.load(null, List.of("pipeline.train=" + preset)).pipeline().train());
    }
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
