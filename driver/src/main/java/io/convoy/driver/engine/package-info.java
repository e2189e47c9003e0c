/**
 * The Spark jobs that move replicas: {@link io.convoy.driver.engine.TrainingEngine} trains an
 * epoch at a time, with one implementation per transport ({@code JobsTransport}: a Spark job per
 * round; {@code AllreduceTransport}: one barrier stage per epoch, ring allreduce among the tasks,
 * rank 0's reports over the {@code RoundReportServer}; both keep their driver-side state in
 * {@code AveragingTransport}) and the dl4j-spark baseline
 * ({@code Dl4jParamAveraging}); {@link io.convoy.driver.engine.TrainingEngines} builds the one
 * the job names. {@code Evaluation} is the distributed evaluation job.
 *
 * <p>Imports the worker and lower modules only, no other driver package. Imported by
 * {@code metrics}, {@code checkpoint}, {@code train}, {@code api} and {@code cli}.
 */
package io.convoy.driver.engine;
