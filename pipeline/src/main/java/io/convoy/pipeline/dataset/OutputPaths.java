package io.convoy.pipeline.dataset;

/**
 * Names of files written under an output root from dataset names ({@code <class>/<file>}),
 * refusing any name that could leave the root or land somewhere unexpected: empty names,
 * {@code .} and {@code ..}, separators, control characters.
 */
public final class OutputPaths {
  private OutputPaths() {}

  /**
   * {@code <class>/<stem>_aug<copy>.<format>} for copy {@code copy} of {@code <class>/<file>}.
   *
   * @throws IllegalArgumentException when the class or file name is not a plain name
   */
  public static String augmented(String relativePath, int copy, String format) {
    int slash = relativePath.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("\"" + relativePath + "\": expected <class>/<file>");
    }
    String cls = requirePlainName(relativePath.substring(0, slash), "class");
    String file = requirePlainName(relativePath.substring(slash + 1), "file");
    int dot = file.lastIndexOf('.');
    String stem = dot > 0 ? file.substring(0, dot) : file;
    return cls + "/" + stem + "_aug" + copy + "." + format;
  }

  /**
   * @return {@code name} when it is one plain path segment
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static String requirePlainName(String name, String what) {
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("..")) {
      throw new IllegalArgumentException(what + " name \"" + name + "\" could leave the output folder: "
          + "names must not be empty, . or .., nor contain ..");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\' || c < 0x20 || c == 0x7F || c == ':') {
        throw new IllegalArgumentException(what + " name \"" + name + "\" holds a path separator or control "
            + "character: names must be one plain path segment");
      }
    }
    return name;
  }
}
