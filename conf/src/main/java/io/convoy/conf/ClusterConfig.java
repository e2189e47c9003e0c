package io.convoy.conf;

import java.io.Serializable;

/**
 * Where the job runs.
 *
 * @param master Spark master URL ({@code local[*]}, {@code spark://host:7077}, {@code yarn}, ...)
 * @param threadsPerWorker linear algebra threads each replica uses
 */
public record ClusterConfig(String master, int threadsPerWorker) implements Serializable {}
