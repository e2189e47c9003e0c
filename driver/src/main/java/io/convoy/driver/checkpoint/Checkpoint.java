package io.convoy.driver.checkpoint;

import io.convoy.conf.ConfigLoader;
import io.convoy.conf.ConvoyConfig;
import io.convoy.driver.common.OutputDir;
import io.convoy.worker.replica.ModelState;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint holds and how its files encode it: the parameters and optimizer state as
 * flat vectors ({@code state.bin}, exact), the run's position and totals
 * ({@code progress.json}), the resolved configuration ({@code config.conf}), the dataset
 * fingerprint ({@code dataset.sha256}) and {@code metrics.jsonl} up to this point, which a
 * resumed run continues so that no round is lost or counted twice. A DL4J {@code model.zip} is
 * written beside them for use outside convoy; resuming does not read it.
 *
 * @param uri where it was read from
 * @param configText the resolved configuration as written
 */
public record Checkpoint(String uri, RunProgress progress, ModelState state, String configText, String dataset,
    byte[] metrics) {
  static final String PROGRESS = "progress.json";
  static final String STATE = "state.bin";
  public static final String CONFIG = "config.conf";
  static final String DATASET = "dataset.sha256";
  static final String METRICS = "metrics.jsonl";
  static final String MODEL = "model.zip";
  private static final int STATE_MAGIC = 0x43565331; // "CVS1"

  /** The files of a checkpoint, in the order they are written. */
  static Map<String, OutputDir.Writer> files(RunProgress progress, ModelState state, String configText,
      String dataset, byte[] metrics, OutputDir.Writer model) {
    Map<String, OutputDir.Writer> files = new LinkedHashMap<>();
    files.put(STATE, out -> writeState(new DataOutputStream(new BufferedOutputStream(out, 1 << 16)), state));
    byte[] progressJson = progress.toJson();
    files.put(PROGRESS, out -> out.write(progressJson));
    files.put(CONFIG, out -> out.write(configText.getBytes(StandardCharsets.UTF_8)));
    files.put(DATASET, out -> out.write((dataset + "\n").getBytes(StandardCharsets.UTF_8)));
    files.put(METRICS, out -> out.write(metrics));
    if (model != null) {
      files.put(MODEL, model);
    }
    return files;
  }

  /** Reads a verified checkpoint. */
  public static Checkpoint read(CheckpointStore.Loaded loaded) {
    return new Checkpoint(loaded.uri(), RunProgress.fromJson(loaded.read(PROGRESS)),
        readState(loaded.read(STATE), loaded.uri()),
        new String(loaded.read(CONFIG), StandardCharsets.UTF_8),
        new String(loaded.read(DATASET), StandardCharsets.UTF_8).trim(), loaded.read(METRICS));
  }

  /** The configuration the checkpoint was made with. */
  ConvoyConfig config() {
    return ConfigLoader.load(configText, uri + "/" + CONFIG, List.of());
  }

  private static void writeState(DataOutputStream out, ModelState state) throws IOException {
    out.writeInt(STATE_MAGIC);
    state.write(out);
    out.flush();
  }

  private static ModelState readState(byte[] bytes, String uri) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != STATE_MAGIC) {
        throw new IOException("not a convoy state file");
      }
      // No vector holds more floats than the file has bytes for.
      return ModelState.read(in, bytes.length / Float.BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + STATE + " of checkpoint " + uri + ": " + e.getMessage(), e);
    }
  }
}
