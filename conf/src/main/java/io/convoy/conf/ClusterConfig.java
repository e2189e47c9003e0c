package io.convoy.conf;

import java.io.Serializable;

/**
 * Where the job runs.
 *
 * @param master Spark master URL ({@code local[*]}, {@code spark://host:7077}, {@code yarn}, ...)
 * @param threadsPerWorker linear algebra threads each replica uses
 * @param loaderThreads threads per executor that decode and augment minibatches ahead of training
 */
public record ClusterConfig(String master, int threadsPerWorker, int loaderThreads) implements Serializable {}
