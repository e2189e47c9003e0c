package io.convoy.driver.data;

import io.convoy.pipeline.dataset.Catalog;
import io.convoy.pipeline.dataset.Sample;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 over a run's catalogs (classes, then every training and validation sample's URI and
 * label, in catalog order): a checkpoint records it so that a resumed run can tell that it sees
 * the very samples, labels and shards the checkpoint was trained on.
 */
public final class DatasetFingerprint {
  private DatasetFingerprint() {}

  public static String of(DatasetPlan plan) {
    MessageDigest sha = sha256();
    update(sha, "classes");
    plan.classes().forEach(c -> update(sha, c));
    add(sha, "train", plan.train());
    add(sha, "val", plan.val());
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void add(MessageDigest sha, String name, Catalog catalog) {
    update(sha, name);
    for (Sample s : catalog.samples()) {
      update(sha, s.label() + "\t" + s.path());
    }
  }

  private static void update(MessageDigest sha, String line) {
    sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
