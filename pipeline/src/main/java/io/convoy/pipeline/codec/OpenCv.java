package io.convoy.pipeline.codec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether OpenCV's natives (JavaCPP presets, linux-x86_64) load in this JVM; tried once. On
 * success OpenCV's own thread pool is set to one thread: pipelines run in parallel over
 * images, and OpenCV parallelizing each resize as well would oversubscribe the cores.
 */
final class OpenCv {
  private static final Logger LOG = LoggerFactory.getLogger(OpenCv.class);

  private OpenCv() {}

  /** Whether OpenCV can be used; the first call loads it and logs a failure once. */
  static boolean available() {
    return Holder.AVAILABLE;
  }

  /** Why OpenCV is not available, or null. */
  static String failure() {
    return Holder.FAILURE;
  }

  private static final class Holder {
    static final String FAILURE = load();
    static final boolean AVAILABLE = FAILURE == null;

    private static String load() {
      try {
        Class.forName("org.bytedeco.opencv.global.opencv_imgcodecs");
        org.bytedeco.javacpp.Loader.load(org.bytedeco.opencv.global.opencv_imgproc.class);
        org.bytedeco.javacpp.Loader.load(org.bytedeco.opencv.global.opencv_imgcodecs.class);
        org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
        return null;
      } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
        String why = e.toString();
        LOG.warn("OpenCV natives could not be loaded ({}); decoding images with ImageIO, which is about 2-3x slower",
            why);
        return why;
      }
    }
  }
}
