package io.convoy.driver.scoring;

import io.convoy.conf.settings.ConfigRenderer;
import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.worker.replica.NativeThreads;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * How a Spark task finds its model: the model's id and a broadcast of the model's bytes
 * ({@link ShippedModel}), which {@link ModelCache} reads only the first time a JVM meets that id. Small enough to travel in
 * every task's closure.
 *
 * @param id the SHA-256 of the model.zip's bytes, labels and configuration: equal ids are the
 *     same model, whichever path or job it came from
 */
public record ModelHandle(String id, Broadcast<byte[]> model) implements Serializable {

  /** Broadcasts {@code model} once for every task of every job that scores with this handle. */
  public static ModelHandle broadcast(JavaSparkContext sc, LoadedModel model) {
    return new ModelHandle(id(model), sc.broadcast(ShippedModel.of(model).toBytes()));
  }

  /** The model's content hash (labels and configuration included: older models keep them beside the zip). */
  public static String id(LoadedModel model) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(model.zip());
      sha.update(String.join("\n", model.labels()).getBytes(StandardCharsets.UTF_8));
      sha.update(ConfigRenderer.render(model.config()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** This JVM's scoring model for the handle, built on first use. */
  public ScoringModel scoringModel() {
    return ModelCache.get(id, () -> ShippedModel.fromBytes(model.value()));
  }

  /**
   * What a Spark task that scores calls first, on its own thread: the native build and
   * {@code threads} linear-algebra threads, as training tasks set them
   * ({@code cluster.threads-per-worker}), then this JVM's scoring model.
   */
  public ScoringModel forTask(int threads) {
    NativeThreads.limit(threads);
    return scoringModel();
  }
}
