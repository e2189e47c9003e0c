package io.convoy.driver.modelzip;

import io.convoy.conf.ConfigException;
import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.names.AveragingMode;
import io.convoy.conf.names.UpdaterStatePolicy;
import io.convoy.conf.settings.ConfigRenderer;
import io.convoy.driver.common.OutputDir;
import io.convoy.driver.common.TrainingDivergedException;
import io.convoy.driver.common.UsageException;
import io.convoy.model.ModelSpec;
import io.convoy.model.ModelSummary;
import io.convoy.model.Replica;
import io.convoy.worker.replica.ModelState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code model.zip} format, written and read here only: DL4J's ModelSerializer entries (so
 * plain DL4J still loads it) plus {@value #LABELS} and {@value #CONFIG}, which DL4J ignores. With
 * them the zip alone is enough to rebuild the network, preprocess images as validation did and
 * name the classes it predicts. Written as the result of a run and in checkpoints; read by
 * {@code convoy evaluate} and {@code convoy predict} as a {@link LoadedModel}.
 */
public final class ModelZip {
  /** Class names, one a line, in label order (the same text as {@code labels.txt}). */
  static final String LABELS = "convoy/labels.txt";
  /** The run's resolved configuration (the same text as {@code config.conf}). */
  static final String CONFIG = "convoy/config.conf";

  private ModelZip() {}

  /**
   * Writes {@code state} with its updater state where the run has one: the driver holds the
   * run's optimizer state in gradients mode, and in parameters mode when it is averaged; with
   * local or reset state there is no single state to save.
   */
  public static OutputDir.Writer writer(ConvoyConfig config, ModelSpec spec, ModelState state, List<String> labels) {
    return writer(config, Replica.withParameters(spec, state.parameters()), state, labels);
  }

  /**
   * The same through {@code model}, whose parameters (and updater state) are overwritten:
   * building a DL4J network costs more than writing it, so repeated saves reuse one.
   */
  public static OutputDir.Writer writer(ConvoyConfig config, Replica model, ModelState state, List<String> labels) {
    model.setParameters(state.parameters());
    var averaging = config.training().averaging();
    boolean withUpdater = (averaging.mode() == AveragingMode.GRADIENTS
        || averaging.updaterState() == UpdaterStatePolicy.AVERAGE)
        && state.updaterState().length == model.updaterStateLength();
    if (withUpdater) {
      model.setUpdaterState(state.updaterState());
    }
    String configText = ConfigRenderer.render(config);
    return stream -> write(stream, model, withUpdater, labels, configText);
  }

  /**
   * @throws TrainingDivergedException when a parameter is NaN or infinite, so that such a model
   *     is never saved as a result or a checkpoint
   */
  public static void requireFinite(ModelState state, String what) {
    float[] p = state.parameters();
    for (int i = 0; i < p.length; i++) {
      if (!Float.isFinite(p[i])) {
        throw new TrainingDivergedException("parameter " + i + " became " + p[i] + " " + what
            + ": not saved; lower optimizer.lr, add optimizer.gradient-clipping, or check the input normalization");
      }
    }
  }

  private static void write(OutputStream out, Replica model, boolean withUpdaterState, List<String> labels, String config)
      throws IOException {
    ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
    model.save(dl4j, withUpdaterState);
    ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out);
    // DL4J's entries go in as the replica wrote them (the floats stored, not deflated: see
    // Network.save): inflating and deflating them again took 4-6 s per resnet50 checkpoint.
    try (ZipFile dl4jZip = new ZipFile(new SeekableInMemoryByteChannel(dl4j.toByteArray()))) {
      for (ZipArchiveEntry e : Collections.list(dl4jZip.getEntriesInPhysicalOrder())) {
        zip.addRawArchiveEntry(e, dl4jZip.getRawInputStream(e));
      }
    }
    put(zip, LABELS, String.join("\n", labels) + "\n");
    put(zip, CONFIG, config);
    // finish, not close: the caller owns the stream.
    zip.finish();
    zip.flush();
  }

  private static void put(ZipArchiveOutputStream zip, String name, String text) throws IOException {
    zip.putArchiveEntry(new ZipArchiveEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeArchiveEntry();
  }

  /**
   * Loads {@code path}: a folder holding model.zip, or a model.zip (any Hadoop file system).
   *
   * @throws UsageException when the path does not exist or holds no convoy model
   */
  public static LoadedModel read(String path, Configuration hadoop) {
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
      String labels = text(entries, LABELS, fs, new Path(zipPath.getParent(), "labels.txt"), path);
      String config = text(entries, CONFIG, fs, new Path(zipPath.getParent(), "config.conf"), path);
      return parse(zip, entries, uri, labels, config, path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads a model.zip held in memory (for example shipped to executors), which must carry its
   * labels and configuration.
   *
   * @param uri where the bytes came from, named in the model and in errors
   * @throws UsageException when the bytes are no convoy model
   */
  public static LoadedModel read(byte[] zip, String uri) {
    try {
      Map<String, byte[]> entries = entries(zip, uri);
      for (String entry : List.of(LABELS, CONFIG)) {
        if (!entries.containsKey(entry)) {
          throw new UsageException("--model " + uri + ": the model has no " + entry + "; models trained by convoy "
              + "train carry it");
        }
      }
      return parse(zip, entries, uri, new String(entries.get(LABELS), StandardCharsets.UTF_8),
          new String(entries.get(CONFIG), StandardCharsets.UTF_8), uri);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + uri + ": " + e.getMessage(), e);
    }
  }

  private static LoadedModel parse(byte[] zip, Map<String, byte[]> entries, String uri, String labels, String config,
      String path) throws IOException {
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
    LoadedModel model = new LoadedModel(uri, classes, parsed, parameters, zip);
    requireMatchingNetwork(model, path);
    return model;
  }

  private static void requireMatchingNetwork(LoadedModel model, String path) {
    long expected = ModelSummary.of(model.spec()).dl4jParams();
    ConvoyConfig config = model.config();
    if (expected != model.parameters().length) {
      throw new UsageException("--model " + path + ": the network has " + model.parameters().length + " parameters, but "
          + config.model().arch() + " for " + model.labels().size() + " classes (labels) on " + config.data().imageSize()
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
}
