package io.convoy.driver.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of a saved network's first convolution, one tensor per filter, read through
 * DL4J's own loader so that the layout is DL4J's, not a guess about the flat vector.
 *
 * @param filters per output channel: {@code channels x height x width} floats
 * @param channels input channels of each filter
 * @param height kernel height
 * @param width kernel width
 */
record FirstLayerFilters(List<float[]> filters, int channels, int height, int width) {

  /** The filters of the first convolution in {@code modelZip}, or null if it has none. */
  static FirstLayerFilters of(byte[] modelZip) {
    try {
      INDArray w = firstConvolutionWeights(modelZip);
      if (w == null || w.rank() != 4) {
        return null;
      }
      // DL4J keeps convolution weights as [out, in, kernel height, kernel width]. One copy, cut
      // here: ND4J M2.1 (the -Pcuda build) copies the last slice of a parameter view as empty.
      long[] shape = w.shape();
      float[] all = w.dup('c').reshape(w.length()).toFloatVector();
      int size = (int) (shape[1] * shape[2] * shape[3]);
      List<float[]> filters = new ArrayList<>();
      for (int o = 0; o < shape[0]; o++) {
        filters.add(Arrays.copyOfRange(all, o * size, (o + 1) * size));
      }
      return new FirstLayerFilters(filters, (int) shape[1], (int) shape[2], (int) shape[3]);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the network in model.zip: " + e.getMessage(), e);
    }
  }

  /**
   * The filters as pictures: RGB for 3 input channels, grey for 1, and the mean over input
   * channels for any other number.
   */
  List<float[]> pictures() {
    if (channels == 1 || channels == 3) {
      return filters;
    }
    int plane = height * width;
    List<float[]> grey = new ArrayList<>();
    for (float[] f : filters) {
      float[] mean = new float[plane];
      for (int c = 0; c < channels; c++) {
        for (int p = 0; p < plane; p++) {
          mean[p] += f[c * plane + p] / channels;
        }
      }
      grey.add(mean);
    }
    return grey;
  }

  /** Channels of {@link #pictures()}. */
  int pictureChannels() {
    return channels == 3 ? 3 : 1;
  }

  private static INDArray firstConvolutionWeights(byte[] zip) throws IOException {
    if (isGraph(zip)) {
      ComputationGraph graph = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(zip), false);
      GraphVertex[] vertices = graph.getVertices();
      for (int index : graph.topologicalSortOrder()) {
        GraphVertex v = vertices[index];
        if (v.hasLayer() && v.getLayer() instanceof ConvolutionLayer conv) {
          return conv.getParam("W");
        }
      }
      return null;
    }
    MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), false);
    for (Layer layer : net.getLayers()) {
      if (layer instanceof ConvolutionLayer conv) {
        return conv.getParam("W");
      }
    }
    return null;
  }

  /** ComputationGraph configurations have vertices; MultiLayerNetwork ones do not. */
  private static boolean isGraph(byte[] zip) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals(ModelSerializer.CONFIGURATION_JSON)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("\"vertices\"");
        }
      }
    }
    throw new IOException("no " + ModelSerializer.CONFIGURATION_JSON + " in model.zip");
  }
}
