/**
 * Job configuration: one immutable, serializable tree of records bound from HOCON
 * ({@code reference.conf} defaults, a job file, {@code --set key=value} overrides) and
 * validated once by {@link io.convoy.conf.ConfigLoader}. Imports neither Spark nor DL4J.
 *
 * <p>Each setting is declared once, as a {@code Setting} (key, kind with its check and
 * accepted-values text, default, meaning) in its section's {@code *Settings} class; the binder,
 * the renderer and the tests against {@code reference.conf} all read those declarations. Rules
 * between settings are in {@code ConfigRules}; the architecture facts in
 * {@link io.convoy.conf.ArchitectureName}; each image operation's parameters and defaults in
 * {@link io.convoy.conf.PipelineOps}.
 */
package io.convoy.conf;
