package io.convoy.pipeline.dataset;

import java.io.Serializable;

/**
 * A file of a dataset folder that is not used, and why; reported, never silently dropped.
 *
 * @param path full URI of the file or folder
 * @param reason why it is not used, e.g. {@code not an image: extension .txt}
 */
public record SkippedFile(String path, String reason) implements Serializable {}
