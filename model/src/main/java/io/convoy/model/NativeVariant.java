package io.convoy.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses ND4J's native build for the CPU this JVM runs on and turns DL4J's oneDNN layer
 * helpers on. Out of the box DL4J 1.0.0-M2 runs its convolution, pooling and batch-norm layers
 * on a slow built-in path (helpers are off unless a system property says otherwise, and their
 * detection needs {@link org.nd4j.nativeblas.Nd4jCpu}); with oneDNN they are about 2.5x faster.
 *
 * <p>JavaCPP would otherwise load the first variant it finds (the AVX2 build), which a CPU
 * without AVX2 cannot run. Each JVM decides for its own CPU, so executors on other hardware
 * than the driver still pick what they can run. Explicit settings ({@code -D} flags from the
 * launcher or the user) always win. {@link #select} must run before ND4J loads its natives.
 */
public final class NativeVariant {
  /** JavaCPP's system property naming the native build: "-onednn-avx2", "-onednn" or "" (plain). */
  public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
  /** DL4J creates no layer helper unless this is "false" (its default is "true"). */
  public static final String HELPERS_DISABLED_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

  /** ND4J's CUDA backend, on the classpath of builds made with {@code -Pcuda}. */
  static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

  private NativeVariant() {}

  /** Whether this build carries ND4J's CUDA backend ({@code mvn -Pcuda}), which ND4J then prefers. */
  public static boolean cudaBuild() {
    try {
      Class.forName(CUDA_BACKEND, false, NativeVariant.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The native build for a CPU with these feature flags (as in /proc/cpuinfo). */
  public static String extensionFor(Set<String> cpuFlags) {
    return cpuFlags.contains("avx2") && cpuFlags.contains("fma") ? "-onednn-avx2" : "-onednn";
  }

  /** Sets both properties unless already set. Idempotent and cheap; call it early. */
  public static synchronized void select() {
    if (System.getProperty(EXTENSION_PROPERTY) == null) {
      // The CUDA build's natives with cuDNN helpers are the "-cudnn" variant; oneDNN is CPU only.
      System.setProperty(EXTENSION_PROPERTY, cudaBuild() ? "-cudnn" : extensionFor(cpuFlags()));
    }
    if (System.getProperty(HELPERS_DISABLED_PROPERTY) == null) {
      System.setProperty(HELPERS_DISABLED_PROPERTY, "false");
    }
  }

  /** The native build in force, e.g. "linux-x86_64-onednn-avx2" (loads ND4J if it is not yet). */
  public static String loaded() {
    var backend = org.nd4j.linalg.factory.Nd4j.getBackend(); // loads the natives and ND4J's settings
    String ext = System.getProperty(EXTENSION_PROPERTY, "");
    if (!onCpu(backend.getClass().getName())) {
      return "cuda " + org.bytedeco.javacpp.Loader.getPlatform() + ext;
    }
    boolean oneDnn = org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN()
        && org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
    if (cudaBuild()) {
      // The CUDA build carries only the plain CPU natives, which JavaCPP falls back to.
      return org.bytedeco.javacpp.Loader.getPlatform() + " on the CPU, no CUDA" + (oneDnn ? "" : " (oneDNN off)");
    }
    return org.bytedeco.javacpp.Loader.getPlatform() + ext + (oneDnn ? "" : " (oneDNN off)");
  }

  /**
   * What to tell the user when the CUDA build runs on the CPU here (loads ND4J), or null. ND4J
   * falls back to its CPU backend when the CUDA backend cannot load (no driver, no device);
   * that is fine for a client-mode driver, not for training.
   */
  public static String cudaFallback() {
    return cudaFallback(cudaBuild(), org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getName());
  }

  static String cudaFallback(boolean cudaBuild, String backendClass) {
    if (!cudaBuild || !onCpu(backendClass)) {
      return null;
    }
    return "this is the CUDA build (-Pcuda) and ND4J found no usable CUDA driver or device here, so it runs "
        + "on the CPU without oneDNN (slower than the CPU build, which has it): on hosts without a GPU use "
        + "the CPU build, submit/target/convoy-app.jar";
  }

  /** Whether ND4J's backend of this class name is the CPU one. */
  static boolean onCpu(String backendClass) {
    return backendClass.contains(".cpu.");
  }

  /** Feature flags of the first CPU, empty where /proc/cpuinfo cannot be read (then: no AVX2). */
  static Set<String> cpuFlags() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("flags"))
          .findFirst()
          .map(line -> Arrays.stream(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
              .collect(Collectors.toUnmodifiableSet()))
          .orElse(Set.of());
    } catch (IOException | RuntimeException e) {
      return Set.of();
    }
  }
}
