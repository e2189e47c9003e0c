package io.convoy.torch.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads libtorch's natives, once per JVM, before any other class of the presets touches them:
 * {@link io.convoy.torch.TorchStack#of} and {@link io.convoy.torch.TorchGraph#of}, the only ways to a libtorch network, call it first.
 *
 * <p>JavaCPP extracts a preset's libraries into its cache one at a time as it loads them. With
 * pytorch 2.10.0-1.5.13 on a fresh cache, loading {@code libtorch_cpu.so} before its neighbours
 * were extracted made the dynamic linker take a system {@code libtorch_cpu.so} and {@code libc10.so}
 * (Debian's python3-torch 1.13 here) beside the bundled ones, and the JVM died in
 * {@code pthread_mutex_lock} (SIGSEGV) in the presets' static initializer; a second run, with
 * everything cached, worked. Extracting the whole native folder first avoids it: then every
 * dependency is found beside the library that needs it.
 */
public final class TorchNatives {
  private static boolean loaded;

  private TorchNatives() {}

  public static synchronized void load() {
    if (loaded) {
      return;
    }
    try {
      // A class literal initializes nothing: torch's static initializer (Loader.load) runs below.
      Loader.cacheResources(torch.class, "/org/bytedeco/pytorch/" + Loader.getPlatform() + "/");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract libtorch's natives into JavaCPP's cache", e);
    }
    Loader.load(torch.class);
    loaded = true;
  }
}
