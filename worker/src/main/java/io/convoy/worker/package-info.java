/**
 * One replica's work inside Spark tasks, by job: {@code data} (shard bytes and minibatches),
 * {@code replica} (a replica's state and the Spark-free local round both transports share),
 * {@code jobs} and {@code allreduce} (each transport's tasks), {@code collective} (the ring
 * allreduce). This package holds what spans them: Kryo registration of everything convoy ships,
 * and the evaluation task. No package imports one above it:
 * data &lt;- replica &lt;- jobs, allreduce (&lt;- collective) &lt;- this one.
 */
package io.convoy.worker;
