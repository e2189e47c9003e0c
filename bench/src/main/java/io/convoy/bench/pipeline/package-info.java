/**
 * {@code convoy bench pipeline}: images/s of the decode and augmentation pipeline alone on a
 * folder of images, over several threads ({@link io.convoy.bench.pipeline.PipelineBenchmark});
 * {@code bench/vs-torchvision.sh} runs it beside torchvision. Imported by {@code io.convoy.bench}
 * (the command tree) only.
 */
package io.convoy.bench.pipeline;
