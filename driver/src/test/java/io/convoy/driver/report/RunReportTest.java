package io.convoy.driver.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The report's page from metrics alone: unfinished runs, many rounds, names that need escaping. */
class RunReportTest {
  private static final Pattern PNG = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

  private static String round(int n, int epoch) {
    return String.format(Locale.ROOT, "{\"event\":\"round\",\"round\":%d,\"epoch\":%d,\"loss\":%.3f,"
        + "\"images_per_sec\":%d,\"broadcast_seconds\":0.01,\"data_seconds\":0.02,\"compute_seconds\":0.05,"
        + "\"overhead_seconds\":0.01,\"apply_seconds\":0.001,\"lr\":%.4f}", n, epoch, 2.0 / n, 500 + n % 7, 0.1 / epoch);
  }

  @Test
  void anUnfinishedRunStillGetsAPageThatSaysWhatIsMissing() throws Exception {
    StringBuilder metrics = new StringBuilder("{\"event\":\"start\",\"arch\":\"lenet\",\"workers\":2}\n");
    for (int r = 1; r <= 1000; r++) {
      metrics.append(round(r, r <= 500 ? 1 : 2)).append('\n');
    }
    metrics.append("{\"event\":\"epoch\",\"epoch\":1,\"train_loss\":0.9,\"val_loss\":0.8,\"val_top1\":0.6,"
        + "\"val_top5\":0.9}\n");
    String html = new RunReport("runs/<b>&", metrics.toString(), List.of("cat", "dog"), "a = \"<x>\"", List.of(), 3, 8,
        null).html();
    assertTrue(html.contains("convoy report: runs/&lt;b&gt;&amp;"), "title escaped");
    assertTrue(html.contains("a = &quot;&lt;x&gt;&quot;"), "configuration escaped");
    assertTrue(html.contains("the run did not finish"));
    assertTrue(html.contains("No final event with a confusion matrix."));
    assertTrue(html.contains("1000 rounds, averaged into 400 points."));
    assertTrue(html.contains("Train accuracy is measured with output.train-metrics-images above 0."));
    assertTrue(html.contains("No model or no convolution layer."));
    assertFalse(html.contains("<script"));
    // Loss, accuracy, throughput, time split, learning rate: every one a decodable PNG of the chart's size.
    Matcher m = PNG.matcher(html);
    int images = 0;
    while (m.find()) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
      assertEquals(Charts.WIDTH, image.getWidth());
      assertEquals(Charts.HEIGHT, image.getHeight());
      images++;
    }
    assertEquals(5, images);
  }

  @Test
  void roundsAreAveragedIntoBucketsSkippingGaps() {
    double[][] few = Charts.bucketed(new double[] {1, 2, Double.NaN});
    assertArrayEquals(new double[] {1, 2, 3}, few[0]);
    assertEquals(2, few[1][1]);
    assertTrue(Double.isNaN(few[1][2]));
    double[] many = new double[800];
    for (int i = 0; i < many.length; i++) {
      many[i] = i % 2; // 0, 1, 0, 1, ...
    }
    double[][] b = Charts.bucketed(many);
    assertEquals(Charts.MAX_POINTS, b[0].length);
    assertEquals(1.5, b[0][0]); // rounds 1 and 2
    assertEquals(0.5, b[1][0]);
    assertEquals(799.5, b[0][Charts.MAX_POINTS - 1]);
  }

  @Test
  void firstLayerFiltersAreTheSavedConvolutionWeightsFilterByFilter() throws Exception {
    // 6 filters of 2 x 2 x 1: the biases (stored first) outnumber a filter's weights, the case in
    // which ND4J M2.1 (the -Pcuda build) copied the last filter's slice of the view as empty.
    var conf = new NeuralNetConfiguration.Builder().seed(7).list()
        .layer(new ConvolutionLayer.Builder(2, 1).nOut(6).build())
        .layer(new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutional(8, 8, 2)).build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    ModelSerializer.writeModel(net, zip, false);
    FirstLayerFilters f = FirstLayerFilters.of(zip.toByteArray());
    assertEquals(List.of(2, 2, 1), List.of(f.channels(), f.height(), f.width()));
    assertEquals(6, f.filters().size());
    INDArray w = net.getLayer(0).getParam("W");
    for (int o = 0; o < 6; o++) {
      float[] filter = f.filters().get(o);
      assertEquals(2 * 2, filter.length, "filter " + o);
      for (int c = 0; c < 2; c++) {
        for (int y = 0; y < 2; y++) {
          assertEquals(w.getFloat(o, c, y, 0), filter[c * 2 + y], "filter " + o);
        }
      }
    }
  }

  @Test
  void tilesStretchEachTensorToItsOwnRange() {
    // 1 channel, 1 x 2 pixels: the smaller value black, the larger white, whatever the scale.
    BufferedImage tile = ImageGrid.tile(new float[] {-3f, 5f}, 1, 1, 2);
    assertEquals(0x000000, tile.getRGB(0, 0) & 0xffffff);
    assertEquals(0xffffff, tile.getRGB(1, 0) & 0xffffff);
    BufferedImage grid = ImageGrid.grid(List.of(new float[] {0, 1}, new float[] {1, 0}, new float[] {0, 0}), 1, 1, 2,
        2, 4);
    assertEquals(2 * (4 + 2) + 2, grid.getWidth()); // 2 columns of 2x2-scaled tiles, 2-pixel gaps
    assertEquals(2 * (2 + 2) + 2, grid.getHeight()); // 2 rows
  }
}
