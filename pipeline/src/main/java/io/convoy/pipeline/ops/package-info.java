/**
 * The augmentation and preprocessing ops that {@link io.convoy.pipeline.ImagePipeline} chains:
 * crops, resize, mirror, rotation and affine warps, color jitter, PCA lighting, noise and
 * normalization, each seeded per image. Imports {@code image} only.
 */
package io.convoy.pipeline.ops;
