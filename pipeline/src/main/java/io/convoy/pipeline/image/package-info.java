/**
 * The image and the contract of the ops that transform it: {@link io.convoy.pipeline.image.Image}
 * (float CHW pixels), {@link io.convoy.pipeline.image.ImageOp}, the
 * {@link io.convoy.pipeline.image.SourceOp} that picks a {@link io.convoy.pipeline.image.Region}
 * of the source to decode, and {@link io.convoy.pipeline.image.Resampling}. The bottom of the
 * pipeline module: imports nothing of it; every other pipeline package may import it.
 */
package io.convoy.pipeline.image;
