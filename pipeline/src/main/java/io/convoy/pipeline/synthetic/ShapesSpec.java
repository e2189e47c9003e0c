package io.convoy.pipeline.synthetic;

/**
 * What {@link ShapesGenerator} writes; checked by {@link ShapesGenerator#generate}.
 *
 * @param classes number of classes, 2 to {@link ShapesGenerator#MAX_CLASSES}
 * @param perClass training images per class (at least 1)
 * @param valPerClass validation images per class (at least 1)
 * @param size width and height of every image, in pixels (at least 8)
 * @param format {@code png} (lossless, byte-for-byte reproducible) or {@code jpg}
 * @param seed seed of every random choice
 */
public record ShapesSpec(int classes, int perClass, int valPerClass, int size, String format, long seed) {}
