package io.convoy.model;

import io.convoy.model.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;

/**
 * Each layer's output shape and parameters, the total parameter count and the forward FLOPs of
 * a model, computed from its configuration alone (nothing is allocated, so vgg16 is instant).
 *
 * <p>Parameters are counted as the papers and torchvision count them: batch norm's gamma and
 * beta are parameters, its running mean and variance are not ({@link #params()}). DL4J keeps the
 * running statistics in the flat parameter vector too: {@link #dl4jParams()} is the length of
 * {@link Replica#parameters()}. FLOPs are 2 x the multiply-adds of convolutions and dense layers
 * (the usual convention; batch norm, activations, pooling and additions are not counted).
 */
public final class ModelSummary {
  /**
   * One layer.
   *
   * @param name vertex name (graphs) or index (stacks)
   * @param type DL4J layer type
   * @param outputShape C x H x W for image-shaped outputs, N for vectors
   * @param outputElements floats of one example's output
   * @param params parameters as papers count them (no running statistics)
   * @param dl4jParams parameters DL4J stores
   * @param flops 2 x multiply-adds of one example's forward pass
   */
  public record Layer(String name, String type, String outputShape, long outputElements, long params, long dl4jParams,
      long flops) {}

  private final String arch;
  private final InputShape input;
  private final int classes;
  private final List<Layer> layers;

  private ModelSummary(String arch, InputShape input, int classes, List<Layer> layers) {
    this.arch = arch;
    this.input = input;
    this.classes = classes;
    this.layers = List.copyOf(layers);
  }

  /** The summary of {@code spec}'s network; throws ConfigException as {@link Replica#initialize} would. */
  public static ModelSummary of(ModelSpec spec) {
    NetworkConfig conf = ModelZoo.configuration(spec, 0);
    InputShape in = spec.input();
    List<Layer> layers = new ArrayList<>();
    for (NetworkConfig.LayerShape l : conf.layers(InputType.convolutional(in.height(), in.width(), in.channels()))) {
      long dl4j = l.layer().initializer().numParams(l.layer());
      long params = dl4j;
      if (l.layer() instanceof BatchNormalization bn) {
        params = bn.isLockGammaBeta() ? 0 : 2 * bn.getNOut(); // gamma and beta; mean and variance are statistics
      }
      layers.add(new Layer(l.name(), l.layer().getClass().getSimpleName(), shape(l.output()),
          l.output().arrayElementsPerExample(), params, dl4j, flops(l.layer(), l.output())));
    }
    return new ModelSummary(spec.arch(), in, spec.classes(), layers);
  }

  public String arch() {
    return arch;
  }

  public List<Layer> layers() {
    return layers;
  }

  /** Parameters as the papers count them (batch norm running statistics excluded). */
  public long params() {
    return layers.stream().mapToLong(Layer::params).sum();
  }

  /** Length of DL4J's flat parameter vector (running statistics included). */
  public long dl4jParams() {
    return layers.stream().mapToLong(Layer::dl4jParams).sum();
  }

  /**
   * Floats of one example's input and every layer's output: what a forward pass keeps per example
   * (DL4J holds each layer's output until the pass ends).
   */
  public long outputElements() {
    return input.length() + layers.stream().mapToLong(Layer::outputElements).sum();
  }

  /** Forward FLOPs of one example: 2 x multiply-adds of convolutions and dense layers. */
  public long flops() {
    return layers.stream().mapToLong(Layer::flops).sum();
  }

  /** A table of the layers and the totals, for people. */
  public String toText() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%s, input %s, %d classes%n", arch, input, classes));
    int nameWidth = Math.max(5, layers.stream().mapToInt(l -> l.name().length()).max().orElse(5));
    String row = "%-" + nameWidth + "s  %-26s  %-16s  %,14d  %,18d%n";
    s.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  %-26s  %-16s  %14s  %18s%n",
        "layer", "type", "output", "params", "FLOPs"));
    for (Layer l : layers) {
      s.append(String.format(Locale.ROOT, row, l.name(), l.type(), l.outputShape(), l.params(), l.flops()));
    }
    s.append(String.format(Locale.ROOT, "total parameters: %,d (DL4J stores %,d, with batch norm running statistics)%n",
        params(), dl4jParams()));
    s.append(String.format(Locale.ROOT, "forward FLOPs per example: %,d (%.2f GFLOPs)%n", flops(), flops() / 1e9));
    return s.toString();
  }

  /** {@code {"arch", "input", "classes", "params", "dl4j_params", "flops", "layers": [...]}} on one line. */
  public String toJson() {
    StringBuilder s = new StringBuilder();
    s.append("{\"arch\":").append(quote(arch))
        .append(",\"input\":").append(quote(input.toString()))
        .append(",\"classes\":").append(classes)
        .append(",\"params\":").append(params())
        .append(",\"dl4j_params\":").append(dl4jParams())
        .append(",\"flops\":").append(flops())
        .append(",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      s.append(i == 0 ? "" : ",").append("{\"name\":").append(quote(l.name()))
          .append(",\"type\":").append(quote(l.type()))
          .append(",\"output\":").append(quote(l.outputShape()))
          .append(",\"params\":").append(l.params())
          .append(",\"flops\":").append(l.flops()).append('}');
    }
    return s.append("]}").toString();
  }

  private static long flops(org.deeplearning4j.nn.conf.layers.Layer layer, InputType out) {
    if (layer instanceof ConvolutionLayer c && out instanceof InputType.InputTypeConvolutional o) {
      long[] k = {c.getKernelSize()[0], c.getKernelSize()[1]};
      return 2 * c.getNIn() * k[0] * k[1] * c.getNOut() * o.getHeight() * o.getWidth();
    }
    if (layer instanceof DenseLayer || layer instanceof BaseOutputLayer) {
      FeedForwardLayer f = (FeedForwardLayer) layer;
      return 2 * f.getNIn() * f.getNOut();
    }
    return 0;
  }

  private static String shape(InputType t) {
    if (t instanceof InputType.InputTypeConvolutional c) {
      return c.getChannels() + "x" + c.getHeight() + "x" + c.getWidth();
    }
    if (t instanceof InputType.InputTypeFeedForward f) {
      return String.valueOf(f.getSize());
    }
    return t.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
