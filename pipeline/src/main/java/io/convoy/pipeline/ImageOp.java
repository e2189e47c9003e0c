package io.convoy.pipeline;

import java.io.Serializable;

/**
 * One step of an {@link ImagePipeline}. Implementations are immutable, never change their
 * input, and are Serializable because pipelines are shipped to executors.
 */
public interface ImageOp extends Serializable {
  Image apply(Image in);
}
