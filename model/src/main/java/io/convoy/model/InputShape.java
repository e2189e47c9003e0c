package io.convoy.model;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Network input in NCHW terms (per example). */
public record InputShape(int height, int width, int channels) implements Serializable {
  private static final Pattern HWC = Pattern.compile("([1-9][0-9]{0,4})x([1-9][0-9]{0,4})x([1-9][0-9]{0,3})");

  public int length() {
    return height * width * channels;
  }

  /**
   * Parses {@code HxWxC}, e.g. {@code 224x224x3}.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  public static InputShape parse(String text) {
    Matcher m = HWC.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("input shape \"" + text + "\": expected HxWxC with positive whole numbers, "
          + "e.g. 224x224x3");
    }
    return new InputShape(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  @Override
  public String toString() {
    return height + "x" + width + "x" + channels;
  }
}
