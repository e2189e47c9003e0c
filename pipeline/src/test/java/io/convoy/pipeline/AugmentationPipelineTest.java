package io.convoy.pipeline;

import io.convoy.conf.settings.PipelinePresets;
import io.convoy.pipeline.codec.ImageDecodeException;
import io.convoy.pipeline.codec.ImageIODecoder;
import io.convoy.pipeline.codec.OpenCvDecoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.DataConfig;
import io.convoy.conf.OpSpec;
import io.convoy.conf.settings.PipelineOps;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AugmentationPipelineTest {
  private static final DataConfig DATA = new DataConfig("data/train", null, 0.1, 48, 3);
  /** Every random operation, after the Inception crop (which the decoder runs). */
  private static final List<OpSpec> ALL_RANDOM = List.of(
      new OpSpec(PipelineOps.RANDOM_RESIZED_CROP, Map.of("size", List.of(56.0))),
      OpSpec.of(PipelineOps.MIRROR),
      new OpSpec(PipelineOps.COLOR_JITTER, Map.of("brightness", List.of(0.4), "contrast", List.of(0.4),
          "saturation", List.of(0.4), "hue", List.of(0.1))),
      OpSpec.of(PipelineOps.LIGHTING),
      OpSpec.of(PipelineOps.ROTATE),
      new OpSpec(PipelineOps.AFFINE, Map.of("degrees", List.of(5.0), "translate", List.of(0.1, 0.1),
          "scale", List.of(0.9, 1.1), "shear", List.of(5.0))),
      new OpSpec(PipelineOps.RANDOM_CROP, Map.of("size", List.of(48.0), "padding", List.of(2.0))),
      OpSpec.of(PipelineOps.NOISE),
      OpSpec.of(PipelineOps.NORMALIZE));

  private static List<byte[]> jpegs(int count) {
    List<byte[]> images = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      images.add(TestImages.encode(TestImages.smooth(120 + 7 * i, 90 + 5 * i, i), "jpeg"));
    }
    return images;
  }

  @Test
  void sameSeedEpochAndIdGiveTheSameTensorInAnyThreadAndAnyPipelineCopy() throws Exception {
    ImagePipeline p = ImagePipeline.of(ALL_RANDOM, DATA);
    assertTrue(p.isRandom());
    List<byte[]> images = jpegs(12);
    List<float[]> expected = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      expected.add(p.toTensor(images.get(i), 7, 3, "class" + i % 3 + "/img" + i + ".jpg"));
    }
    ImagePipeline rebuilt = ImagePipeline.of(ALL_RANDOM, DATA);
    ImagePipeline shipped = roundTrip(p);
    for (int i = 0; i < images.size(); i++) {
      String id = "class" + i % 3 + "/img" + i + ".jpg";
      assertArrayEquals(expected.get(i), rebuilt.toTensor(images.get(i), 7, 3, id));
      assertArrayEquals(expected.get(i), shipped.toTensor(images.get(i), 7, 3, id));
    }
    // Any order and any number of threads ("partitions"): the same tensors.
    for (int threads : new int[] {2, 5}) {
      List<Integer> order = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < images.size(); i++) {
          order.add(i);
        }
      }
      Collections.shuffle(order, new Random(threads));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<float[]>> results = new ArrayList<>();
        for (int i : order) {
          results.add(pool.submit(() -> p.toTensor(images.get(i), 7, 3, "class" + i % 3 + "/img" + i + ".jpg")));
        }
        for (int k = 0; k < order.size(); k++) {
          assertArrayEquals(expected.get(order.get(k)), results.get(k).get(), "image " + order.get(k));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void anotherEpochSeedOrIdGivesAnotherAugmentation() throws Exception {
    ImagePipeline p = ImagePipeline.of(ALL_RANDOM, DATA);
    byte[] jpeg = jpegs(1).get(0);
    float[] base = p.toTensor(jpeg, 7, 3, "a/1.jpg");
    assertFalse(Arrays.equals(base, p.toTensor(jpeg, 7, 4, "a/1.jpg")));
    assertFalse(Arrays.equals(base, p.toTensor(jpeg, 8, 3, "a/1.jpg")));
    assertFalse(Arrays.equals(base, p.toTensor(jpeg, 7, 3, "a/2.jpg")));
    assertEquals(p.tensorLength(), base.length);
  }

  @Test
  void unseededCallOnARandomPipelineNamesTheRandomOperation() throws Exception {
    ImagePipeline p = ImagePipeline.of(List.of(OpSpec.of(PipelineOps.RESIZE), OpSpec.of(PipelineOps.CENTER_CROP),
        OpSpec.of(PipelineOps.MIRROR)), DATA);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.toTensor(jpegs(1).get(0)));
    assertTrue(e.getMessage().contains("mirror") && e.getMessage().contains("toTensor(encoded, seed, epoch, sampleId)"),
        e.getMessage());
    ImagePipeline eval = ImagePipeline.of(PipelinePresets.of("imagenet-eval", 48, 3), DATA);
    assertFalse(eval.isRandom());
    byte[] jpeg = jpegs(1).get(0);
    assertArrayEquals(eval.toTensor(jpeg), eval.toTensor(jpeg, 1, 2, "any"));
  }

  @Test
  void everyPresetRunsOnRealImages() throws Exception {
    for (String preset : PipelinePresets.NAMES) {
      for (int channels : new int[] {1, 3}) {
        DataConfig data = new DataConfig("d", null, 0.1, 32, channels);
        ImagePipeline p = ImagePipeline.of(PipelinePresets.of(preset, 32, channels), data);
        for (byte[] image : List.of(TestImages.encode(TestImages.smooth(150, 100, 1), "jpeg"),
            TestImages.encode(TestImages.noise(32, 32, 2), "png"))) {
          float[] t = p.toTensor(image, 1, 0, "x.jpg");
          assertEquals(channels * 32 * 32, t.length, preset);
        }
      }
    }
  }

  @Test
  void decoderRunsTheFirstCropExactlyAsTheJavaOperationOnPng() throws Exception {
    List<OpSpec> ops = List.of(new OpSpec(PipelineOps.CENTER_CROP, Map.of("size", List.of(20.0))),
        OpSpec.of(PipelineOps.MIRROR), OpSpec.of(PipelineOps.NORMALIZE));
    DataConfig data = new DataConfig("d", null, 0.1, 20, 3);
    byte[] png = TestImages.encode(TestImages.noise(37, 29, 3), "png");
    float[] viaOpenCv = ImagePipeline.of(ops, data, new OpenCvDecoder()).toTensor(png, 1, 1, "p");
    float[] viaImageIO = ImagePipeline.of(ops, data, new ImageIODecoder()).toTensor(png, 1, 1, "p");
    assertArrayEquals(viaImageIO, viaOpenCv);
  }

  @Test
  void largeJpegsDecodedAtReducedSizeStayCloseToFullDecoding() throws Exception {
    List<OpSpec> ops = PipelinePresets.of("imagenet-eval", 64, 3);
    DataConfig data = new DataConfig("d", null, 0.1, 64, 3);
    byte[] jpeg = TestImages.encode(TestImages.smooth(800, 600, 4), "jpeg");
    // resize to 73 of a 600-pixel side: decoded at 1/8 (75 rows)
    float[] reduced = ImagePipeline.of(ops, data, new OpenCvDecoder()).toTensor(jpeg);
    float[] full = ImagePipeline.of(ops, data, new ImageIODecoder()).toTensor(jpeg);
    double sum = 0;
    for (int i = 0; i < full.length; i++) {
      sum += Math.abs(full[i] - reduced[i]);
    }
    // normalized units: 0.02 is about 1.2 levels of 255
    assertTrue(sum / full.length < 0.02, "mean difference " + sum / full.length);
  }

  @Test
  void undecodableBytesAreDecodeErrorsInTheSeededPathToo() {
    ImagePipeline p = ImagePipeline.of(ALL_RANDOM, DATA);
    byte[] jpeg = jpegs(1).get(0);
    assertThrows(ImageDecodeException.class, () -> p.toTensor(Arrays.copyOf(jpeg, jpeg.length - 100), 1, 1, "t"));
    assertThrows(ImageDecodeException.class, () -> p.toTensor(new byte[0], 1, 1, "t"));
  }

  private static ImagePipeline roundTrip(ImagePipeline p) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(p);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (ImagePipeline) in.readObject();
    }
  }
}
