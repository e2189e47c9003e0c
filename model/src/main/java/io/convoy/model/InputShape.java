package io.convoy.model;

import java.io.Serializable;

/** Network input in NCHW terms (per example). */
public record InputShape(int height, int width, int channels) implements Serializable {
  public int length() {
    return height * width * channels;
  }
}
