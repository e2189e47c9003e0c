/**
 * Bytes to images and back: {@link io.convoy.pipeline.codec.ImageDecoder} with OpenCV
 * (libjpeg-turbo, libpng) first and ImageIO as its fallback, the header check that tells an image
 * from anything else before decoding, and {@link io.convoy.pipeline.codec.ImageEncoder}. Imports
 * {@code image} only; imported by the pipeline, the dataset scanner and the modules above.
 */
package io.convoy.pipeline.codec;
