package io.convoy.conf;

import java.io.Serializable;

/** @param dir folder (any Hadoop file system URI) that receives the model and metrics */
public record OutputConfig(String dir) implements Serializable {}
