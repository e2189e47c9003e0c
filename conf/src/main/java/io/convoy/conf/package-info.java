/**
 * Job configuration: one immutable, serializable tree of records bound from HOCON
 * ({@code reference.conf} defaults, a job file, {@code --set key=value} overrides) and
 * validated once by {@link io.convoy.conf.ConfigLoader}. Imports neither Spark nor DL4J.
 */
package io.convoy.conf;
