package io.convoy.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.DataConfig;
import io.convoy.conf.OpSpec;
import io.convoy.conf.settings.PipelineOps;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ImagePipelineTest {
  private static final List<OpSpec> DEFAULT_OPS = List.of(OpSpec.of(PipelineOps.RESIZE),
      OpSpec.of(PipelineOps.CENTER_CROP), OpSpec.of(PipelineOps.NORMALIZE));

  @Test
  void defaultOpsGiveANormalizedTensorOfImageSize() throws Exception {
    ImagePipeline p = ImagePipeline.of(DEFAULT_OPS, data(4, 3));
    assertEquals(48, p.tensorLength());
    float[] t = p.toTensor(TestImages.encode(TestImages.rgb(12, 7, 255, 0, 51), "png"));
    assertEquals(48, t.length);
    for (int i = 0; i < 16; i++) {
      assertEquals(1, t[i], 1e-5);
      assertEquals(-1, t[16 + i], 1e-5);
      assertEquals(-0.6, t[32 + i], 1e-5);
    }
  }

  @Test
  void withoutNormalizeValuesAreScaledToUnitRange() throws Exception {
    // Center 2x2 of a 4x4 gray image, divided by 255.
    byte[] png = TestImages.encode(TestImages.gray(4, 4,
        0, 0, 0, 0,
        0, 51, 102, 0,
        0, 153, 255, 0,
        0, 0, 0, 0), "png");
    ImagePipeline p = ImagePipeline.of(List.of(OpSpec.of(PipelineOps.CENTER_CROP)), data(2, 1));
    assertArrayEquals(new float[] {0.2f, 0.4f, 0.6f, 1}, p.toTensor(png), 1e-6f);
  }

  @Test
  void sizesComeFromTheOpOrFromDataImageSize() throws Exception {
    List<OpSpec> ops = List.of(new OpSpec(PipelineOps.RESIZE, Map.of("size", List.of(6.0))), OpSpec.of("center-crop"),
        new OpSpec(PipelineOps.NORMALIZE, Map.of("mean", List.of(0.0), "std", List.of(1.0))));
    byte[] white = TestImages.encode(TestImages.rgb(9, 12, 255, 255, 255), "png");
    float[] t = ImagePipeline.of(ops, data(5, 1)).toTensor(white);
    assertEquals(25, t.length);
    assertEquals(1, t[12], 1e-5);
  }

  @Test
  void pipelineNotEndingAtImageSizeIsAnError() {
    ImagePipeline p = ImagePipeline.of(List.of(OpSpec.of(PipelineOps.RESIZE)), data(4, 3));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> p.toTensor(TestImages.encode(TestImages.rgb(8, 4, 1, 2, 3), "png")));
    assertTrue(e.getMessage().contains("(4x4), found 8x4"), e.getMessage());
    assertTrue(e.getMessage().contains("center-crop"), e.getMessage());
  }

  @Test
  void unknownOperationsAndParametersAreErrors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImagePipeline.of(List.of(OpSpec.of("blur")), data(4, 3)));
    assertTrue(e.getMessage().contains("\"blur\""), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ImagePipeline.of(
        List.of(new OpSpec(PipelineOps.RESIZE, Map.of("sigma", List.of(1.0)))), data(4, 3)));
    assertTrue(e.getMessage().contains("\"sigma\""), e.getMessage());
  }

  @Test
  void everyOperationConfDeclaresIsImplemented() {
    for (String op : PipelineOps.PARAMETERS.keySet()) {
      ImagePipeline.of(List.of(OpSpec.of(op)), data(4, 3));
    }
  }

  @Test
  void serializedPipelineGivesTheSameTensors() throws Exception {
    ImagePipeline p = ImagePipeline.of(DEFAULT_OPS, data(8, 3));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(p);
    }
    ImagePipeline copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (ImagePipeline) in.readObject();
    }
    byte[] png = noisyPng(1);
    assertArrayEquals(p.toTensor(png), copy.toTensor(png));
  }

  @Test
  void concurrentCallsGiveTheSameTensorsAsSequentialOnes() throws Exception {
    ImagePipeline p = ImagePipeline.of(DEFAULT_OPS, data(8, 3));
    List<byte[]> images = new ArrayList<>();
    List<float[]> expected = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      images.add(noisyPng(i));
      expected.add(p.toTensor(images.get(i)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> results = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        for (byte[] png : images) {
          results.add(pool.submit(() -> p.toTensor(png)));
        }
      }
      for (int i = 0; i < results.size(); i++) {
        assertArrayEquals(expected.get(i % 16), results.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static DataConfig data(int imageSize, int channels) {
    return new DataConfig("data/train", null, 0.1, imageSize, channels);
  }

  private static byte[] noisyPng(int seed) {
    Random random = new Random(seed);
    BufferedImage img = TestImages.rgb(13, 10, 0, 0, 0);
    for (int y = 0; y < 10; y++) {
      for (int x = 0; x < 13; x++) {
        img.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return TestImages.encode(img, "png");
  }
}
