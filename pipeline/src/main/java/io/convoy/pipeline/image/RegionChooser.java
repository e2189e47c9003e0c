package io.convoy.pipeline.image;

/** Picks the region to decode once the image's dimensions are known. */
@FunctionalInterface
public interface RegionChooser {
  Region choose(int width, int height);
}
