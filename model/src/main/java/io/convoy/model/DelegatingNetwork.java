package io.convoy.model;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What {@link StackNetwork} and {@link GraphNetwork} answer alike, through DL4J's common
 * {@link Model} interface; each adds what its network type does its own way (init, fit, updater,
 * configuration JSON, counters, output).
 */
abstract sealed class DelegatingNetwork<M extends Model & NeuralNetwork> implements Network permits StackNetwork, GraphNetwork {
  protected final M net;

  DelegatingNetwork(M net) {
    this.net = net;
  }

  @Override
  public final long numParams() {
    return net.numParams();
  }

  @Override
  public final INDArray params() {
    return net.params();
  }

  @Override
  public final INDArray gradientView() {
    return net.getGradientsViewArray();
  }

  @Override
  public final double score() {
    return net.score();
  }

  @Override
  public final M dl4j() {
    return net;
  }

  /** The network's configuration as DL4J's JSON, as ModelSerializer stores it. */
  abstract String configurationJson();

  /**
   * DL4J's ModelSerializer format, entry for entry and byte for byte what
   * {@code ModelSerializer.writeModel(net, out, withUpdaterState)} writes (plain DL4J loads it),
   * but with the parameters and updater state stored in the zip rather than deflated: deflate took
   * 3.5-3.9 s per 100 MB of floats and saved 7% of them (resnet50's checkpoint, parameters and
   * Nesterov state: about 7.5 s of 7-11 s); stored, 0.4 s.
   */
  @Override
  public final void save(OutputStream out, boolean withUpdaterState) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(CloseShieldOutputStream.wrap(out));
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(zip))) {
      zip.putNextEntry(new ZipEntry(ModelSerializer.CONFIGURATION_JSON));
      zip.write(configurationJson().getBytes(StandardCharsets.UTF_8));
      zip.setLevel(Deflater.NO_COMPRESSION);
      INDArray params = net.params();
      if (params != null) {
        zip.putNextEntry(new ZipEntry(ModelSerializer.COEFFICIENTS_BIN));
        Nd4j.write(params, data);
        data.flush();
      } else {
        zip.putNextEntry(new ZipEntry(ModelSerializer.NO_PARAMS_MARKER));
      }
      INDArray state = withUpdaterState ? updater().getStateViewArray() : null;
      if (state != null && state.length() > 0) {
        zip.putNextEntry(new ZipEntry(ModelSerializer.UPDATER_BIN));
        Nd4j.write(state, data);
        data.flush();
      }
    }
  }
}
