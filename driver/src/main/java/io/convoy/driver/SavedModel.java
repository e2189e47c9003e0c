package io.convoy.driver;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.model.ModelSpec;
import io.convoy.model.ModelSummary;
import io.convoy.model.Replica;
import io.convoy.pipeline.ImagePipeline;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained model as {@code convoy evaluate} and {@code convoy predict} load it: its parameters,
 * class names and configuration (architecture, input size, eval pipeline), from a run's output
 * folder or a {@code model.zip}. Labels and configuration come from inside the zip
 * ({@link ModelArchive}); zips written before they were stored there fall back on the
 * {@code labels.txt} and {@code config.conf} beside them.
 *
 * @param uri the model.zip read
 * @param labels class names in label order
 * @param config the configuration the model was trained with
 * @param parameters the network's flat parameter vector
 * @param zip the whole model.zip, for what needs DL4J's own view of the network
 */
record SavedModel(String uri, List<String> labels, ConvoyConfig config, float[] parameters, byte[] zip) {

  /**
   * Loads {@code path}: a folder holding model.zip, or a model.zip (any Hadoop file system).
   *
   * @throws UsageException when the path does not exist or holds no convoy model
   */
  static SavedModel load(String path, Configuration hadoop) {
    try {
      Path given = new Path(path);
      FileSystem fs = given.getFileSystem(hadoop);
      if (!fs.exists(given)) {
        throw new UsageException("--model " + path + ": no such file or folder; give a run's output folder "
            + "or its model.zip");
      }
      Path zipPath = fs.getFileStatus(given).isDirectory() ? new Path(given, "model.zip") : given;
      if (!fs.exists(zipPath)) {
        throw new UsageException("--model " + path + ": the folder has no model.zip; give a run's output folder "
            + "(written by convoy train) or a model.zip");
      }
      byte[] zip;
      try (InputStream in = fs.open(zipPath)) {
        zip = in.readAllBytes();
      }
      Map<String, byte[]> entries = entries(zip, path);
      String uri = fs.makeQualified(zipPath).toString();
      String labels = text(entries, ModelArchive.LABELS, fs, new Path(zipPath.getParent(), "labels.txt"), path);
      String config = text(entries, ModelArchive.CONFIG, fs, new Path(zipPath.getParent(), "config.conf"), path);
      byte[] coefficients = entries.get(ModelSerializer.COEFFICIENTS_BIN);
      if (coefficients == null) {
        throw new UsageException("--model " + path + ": " + uri + " is not a DL4J model (no "
            + ModelSerializer.COEFFICIENTS_BIN + ")");
      }
      float[] parameters;
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(coefficients))) {
        parameters = Nd4j.read(in).toFloatVector();
      }
      List<String> classes = labels.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
      ConvoyConfig parsed;
      try {
        parsed = ConfigLoader.parse(config);
      } catch (ConfigException e) {
        throw new UsageException("--model " + path + ": its stored configuration is not valid for this convoy ("
            + e.getMessage().lines().findFirst().orElse("") + ")");
      }
      SavedModel model = new SavedModel(uri, classes, parsed, parameters, zip);
      model.requireMatchingNetwork(path);
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + path + ": " + e.getMessage(), e);
    }
  }

  /** The network's specification: the stored configuration with the stored number of classes. */
  ModelSpec spec() {
    return TrainingRun.modelSpec(config, labels.size(), 1, 1);
  }

  /** A network holding the stored parameters. */
  Replica replica() {
    return Replica.withParameters(spec(), parameters);
  }

  /** The preprocessing validation used ({@code pipeline.eval} of the stored configuration). */
  ImagePipeline evalPipeline() {
    return ImagePipeline.of(config.pipeline().eval(), config.data());
  }

  private void requireMatchingNetwork(String path) {
    long expected = ModelSummary.of(spec()).dl4jParams();
    if (expected != parameters.length) {
      throw new UsageException("--model " + path + ": the network has " + parameters.length + " parameters, but "
          + config.model().arch() + " for " + labels.size() + " classes (labels) on " + config.data().imageSize()
          + "px inputs (config) has " + expected + ": labels, configuration and model.zip do not belong together");
    }
  }

  private static Map<String, byte[]> entries(byte[] zip, String path) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    if (entries.isEmpty()) {
      throw new UsageException("--model " + path + ": not a zip file; give a run's output folder or its model.zip");
    }
    return entries;
  }

  private static String text(Map<String, byte[]> entries, String entry, FileSystem fs, Path beside, String path)
      throws IOException {
    byte[] stored = entries.get(entry);
    if (stored != null) {
      return new String(stored, StandardCharsets.UTF_8);
    }
    if (fs.exists(beside)) {
      try (InputStream in = fs.open(beside)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    throw new UsageException("--model " + path + ": the model has no " + entry + " and there is no " + beside
        + " beside it; models trained by convoy train carry both");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SavedModel m && uri.equals(m.uri) && Arrays.equals(parameters, m.parameters);
  }

  @Override
  public int hashCode() {
    return uri.hashCode();
  }

  @Override
  public String toString() {
    return "SavedModel[" + uri + ", " + labels.size() + " classes, " + parameters.length + " parameters]";
  }
}
