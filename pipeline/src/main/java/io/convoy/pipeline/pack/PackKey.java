package io.convoy.pipeline.pack;

/**
 * The key of one record of a pack's SequenceFiles, as Hadoop {@code Text}:
 * {@code <class>/<file> TAB <label>}. Plain text so that {@code hadoop fs -text} and any
 * SequenceFile reader show it without convoy's classes; the label follows the last tab, so a
 * file name may itself hold tabs.
 *
 * @param path the image's path relative to the dataset root, {@code <class>/<file>}
 * @param label its class's index in the pack's labels
 */
public record PackKey(String path, int label) {
  public PackKey {
    int slash = path.indexOf('/');
    if (label < 0 || slash <= 0 || slash != path.lastIndexOf('/') || slash == path.length() - 1
        || segmentIsDots(path.substring(0, slash)) || segmentIsDots(path.substring(slash + 1))) {
      // A key names a file under the dataset root and nothing else: readers build paths from it.
      throw new IllegalArgumentException("pack key \"" + path + "\" / " + label
          + ": expected <class>/<file> (two plain names, not . or ..) and a label >= 0");
    }
  }

  private static boolean segmentIsDots(String segment) {
    return segment.equals(".") || segment.equals("..");
  }

  public String encode() {
    return path + '\t' + label;
  }

  /** @throws IllegalArgumentException when {@code text} is not an encoded key */
  public static PackKey decode(String text) {
    int tab = text.lastIndexOf('\t');
    if (tab <= 0) {
      throw new IllegalArgumentException("pack key \"" + text + "\": expected <class>/<file> TAB <label>");
    }
    try {
      return new PackKey(text.substring(0, tab), Integer.parseInt(text.substring(tab + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("pack key \"" + text + "\": the label is not a number", e);
    }
  }
}
