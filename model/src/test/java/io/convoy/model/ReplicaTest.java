package io.convoy.model;

import io.convoy.model.zoo.ModelZoo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ModelConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.names.OptimizerName;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ReplicaTest {
  private static final OptimizerConfig NESTEROV = new OptimizerConfig(OptimizerName.NESTEROV, 0.01, 0.9, 1e-4);

  /**
   * A replica that computes a gradient and then applies one (what every rank does in gradients
   * mode over the allreduce transport) keeps its optimizer state, like one that only applies.
   */
  @Test
  void computingAGradientKeepsTheOptimizerState() {
    for (String arch : List.of("simple-cnn", "resnet20")) {
      ModelSpec spec = spec(arch);
      Replica applier = Replica.initialize(spec, 3);
      Replica worker = Replica.withParameters(spec, applier.parameters());
      worker.setUpdaterState(applier.updaterState());
      java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
      int n = 4;
      for (int step = 0; step < 3; step++) {
        float[] x = new float[n * spec.input().length()];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) rnd.nextGaussian();
        }
        int[] y = {0, 1, 2, 3};
        float[] g = new float[worker.numParameters()];
        worker.computeGradient(x, y, n, g);
        applier.setStep(step, 0);
        applier.applyGradient(g, n);
        worker.setStep(step, 0);
        worker.applyGradient(g, n);
        assertArrayEquals(applier.updaterState(), worker.updaterState(), arch + " step " + step);
        assertArrayEquals(applier.parameters(), worker.parameters(), arch + " step " + step);
      }
      assertTrue(norm(worker.updaterState()) > 0, arch + ": momentum stayed zero");
    }
  }

  @Test
  void zooProvidesExactlyTheConfiguredArchitectures() {
    assertEquals(new HashSet<>(ModelConfig.ARCHITECTURES), new HashSet<>(ModelZoo.names()));
  }

  @Test
  void lenetHasTheDl4jExampleParameterCount() {
    Replica lenet = Replica.initialize(new ModelSpec("lenet", new InputShape(28, 28, 1), 10, NESTEROV), 1);
    // conv 20x1x5x5+20, conv 50x20x5x5+50, dense 800x500+500, out 500x10+10
    assertEquals(520 + 25_050 + 400_500 + 5_010, lenet.numParameters());
  }

  @Test
  void unknownArchitectureIsAConfigError() {
    ModelSpec spec = new ModelSpec("vgg", new InputShape(32, 32, 3), 10, NESTEROV);
    ConfigException e = assertThrows(ConfigException.class, () -> Replica.initialize(spec, 1));
    assertEquals("model.arch", e.problems().get(0).key());
  }

  @Test
  void sameSeedSameWeightsAndParametersRoundTrip() {
    ModelSpec spec = spec("simple-cnn");
    Replica a = Replica.initialize(spec, 7);
    Replica b = Replica.initialize(spec, 7);
    assertArrayEquals(a.parameters(), b.parameters());
    assertFalse(Arrays.equals(a.parameters(), Replica.initialize(spec, 8).parameters()));
    Replica c = Replica.withParameters(spec, a.parameters());
    assertArrayEquals(a.parameters(), c.parameters());
    float[] shifted = a.parameters();
    shifted[0] += 1f;
    c.setParameters(shifted);
    assertArrayEquals(shifted, c.parameters());
    assertThrows(IllegalArgumentException.class, () -> c.setParameters(new float[3]));
  }

  @Test
  void trainingLowersTheLossAndFillsUpdaterState() {
    // The small stacks accept 16x16 inputs; every other architecture trains in ArchitectureTrainingTest.
    for (String arch : List.of("simple-cnn", "lenet")) {
      Replica r = Replica.initialize(spec(arch), 3);
      float[] x = new float[16 * 3 * 16 * 16];
      int[] y = new int[16];
      Random rnd = new Random(1);
      for (int i = 0; i < 16; i++) {
        y[i] = i % 4;
        for (int j = 0; j < 3 * 16 * 16; j++) {
          x[i * 768 + j] = (float) rnd.nextGaussian() * 0.1f + (j % 4 == y[i] ? 1f : 0f);
        }
      }
      double first = r.fit(x, y, 16);
      double last = first;
      for (int step = 0; step < 20; step++) {
        last = r.fit(x, y, 16);
      }
      assertTrue(last < first * 0.7, arch + ": loss " + first + " -> " + last);
      float[] state = r.updaterState();
      assertEquals(r.numParameters(), state.length, "nesterov keeps one velocity per parameter");
      assertTrue(norm(state) > 0);
      r.resetUpdaterState();
      assertEquals(0.0, norm(r.updaterState()));
      r.setUpdaterState(state);
      assertArrayEquals(state, r.updaterState());
      float[] p = r.predict(x, 16);
      assertEquals(16 * 4, p.length);
      assertEquals(1.0, p[0] + p[1] + p[2] + p[3], 1e-4);
    }
  }

  @Test
  void summedGradientsOfTwoHalvesApplyLikeFitOnTheWholeBatch() {
    for (OptimizerConfig optimizer : new OptimizerConfig[] {
        new OptimizerConfig(OptimizerName.SGD, 0.1, 0, 1e-3), NESTEROV,
        new OptimizerConfig(OptimizerName.ADAM, 0.01, 0.9, 0)}) {
      ModelSpec spec = new ModelSpec("simple-cnn", new InputShape(16, 16, 3), 4, optimizer);
      Replica whole = Replica.initialize(spec, 11);
      Replica workerA = Replica.withParameters(spec, whole.parameters());
      Replica workerB = Replica.withParameters(spec, whole.parameters());
      Replica applier = Replica.withParameters(spec, whole.parameters());
      Random rnd = new Random(5);
      for (int step = 0; step < 3; step++) {
        float[] x = new float[8 * 768];
        int[] y = new int[8];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < 8; i++) {
          y[i] = rnd.nextInt(4);
        }
        whole.fit(x, y, 8);
        float[] ga = new float[applier.numParameters()];
        float[] gb = new float[applier.numParameters()];
        workerA.setParameters(applier.parameters());
        workerB.setParameters(applier.parameters());
        workerA.computeGradient(Arrays.copyOfRange(x, 0, 4 * 768), Arrays.copyOfRange(y, 0, 4), 4, ga);
        workerB.computeGradient(Arrays.copyOfRange(x, 4 * 768, 8 * 768), Arrays.copyOfRange(y, 4, 8), 4, gb);
        for (int i = 0; i < ga.length; i++) {
          ga[i] += gb[i];
        }
        applier.applyGradient(ga, 8);
      }
      float[] expected = whole.parameters();
      float[] actual = applier.parameters();
      int off = 0;
      for (int i = 0; i < expected.length; i++) {
        double diff = Math.abs(expected[i] - actual[i]);
        if (diff > 1e-5 * Math.max(1, Math.abs(expected[i]))) {
          off++;
          // Adam divides by sqrt(v): for gradients near zero, summation-order rounding moves
          // m/sqrt(v) visibly. Such components must stay a small fraction of one step (lr).
          assertEquals(OptimizerName.ADAM, optimizer.name(), "parameter " + i + " differs by " + diff);
          assertTrue(diff < 0.01 * optimizer.lr(), "parameter " + i + " differs by " + diff);
        }
      }
      assertTrue(off < expected.length / 1000, off + " of " + expected.length + " parameters differ");
    }
  }

  @Test
  void sgdHasNoUpdaterState() {
    ModelSpec spec = new ModelSpec("simple-cnn", new InputShape(16, 16, 3), 4,
        new OptimizerConfig(OptimizerName.SGD, 0.1, 0, 0));
    assertEquals(0, Replica.initialize(spec, 1).updaterStateLength());
  }

  @Test
  void savedModelLoadsInPlainDl4jWithIdenticalOutputs() throws Exception {
    Replica r = Replica.initialize(spec("lenet"), 5);
    float[] x = new float[2 * 3 * 16 * 16];
    Arrays.fill(x, 0.3f);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    r.save(bytes, true);
    MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
    float[] expected = r.predict(x, 2);
    float[] actual = Nd4j.toFlattened('c', loaded.output(Nd4j.create(x, new long[] {2, 3, 16, 16}, 'c'))).toFloatVector();
    assertArrayEquals(expected, actual, 0f);
  }

  /**
   * save writes what DL4J's ModelSerializer writes, entry for entry and byte for byte, for a stack
   * and a graph with updater state, but stores the parameters and the updater state rather than
   * deflating them (deflate cost seconds per checkpoint for 7%).
   */
  @Test
  void savedZipIsModelSerializersWithTheFloatsStored() throws Exception {
    for (String arch : List.of("lenet", "resnet20")) {
      Replica r = Replica.initialize(spec(arch), 5);
      float[] x = new float[4 * 3 * 16 * 16];
      Random rnd = new Random(2);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rnd.nextGaussian();
      }
      r.fit(x, new int[] {0, 1, 2, 3}, 4);
      ByteArrayOutputStream ours = new ByteArrayOutputStream();
      r.save(ours, true);
      ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
      ModelSerializer.writeModel((org.deeplearning4j.nn.api.Model) r.dl4jNetwork(), dl4j, true);
      Map<String, byte[]> expected = entries(dl4j.toByteArray());
      Map<String, byte[]> actual = entries(ours.toByteArray());
      assertEquals(List.of("configuration.json", "coefficients.bin", "updaterState.bin"), List.copyOf(actual.keySet()),
          arch);
      assertEquals(expected.keySet(), actual.keySet(), arch);
      for (String name : expected.keySet()) {
        assertArrayEquals(expected.get(name), actual.get(name), arch + " " + name);
      }
      try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(ours.toByteArray()))) {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          zip.readAllBytes();
          if (e.getName().endsWith(".bin")) {
            assertTrue(e.getCompressedSize() >= e.getSize(), arch + " " + e.getName() + " stored, not deflated");
          }
        }
      }
    }
  }

  private static Map<String, byte[]> entries(byte[] zipBytes) throws java.io.IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        entries.put(e.getName(), zip.readAllBytes());
      }
    }
    return entries;
  }

  private static ModelSpec spec(String arch) {
    return new ModelSpec(arch, new InputShape(16, 16, 3), 4, NESTEROV);
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float f : v) {
      s += f * f;
    }
    return Math.sqrt(s);
  }
}
