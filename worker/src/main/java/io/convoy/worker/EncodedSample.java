package io.convoy.worker;

import java.io.Serializable;

/** A sample's label, source path and encoded file bytes, as cached on executors. */
public record EncodedSample(String path, int label, byte[] bytes) implements Serializable {}
