/**
 * Job configuration: one immutable, serializable tree of records ({@link io.convoy.conf.ConvoyConfig}
 * and its sections) bound from HOCON ({@code reference.conf} defaults, a job file, {@code --set
 * key=value} overrides) and validated once by {@link io.convoy.conf.ConfigLoader}, which reports
 * every bad value at once in a {@link io.convoy.conf.ConfigException}. Imports neither Spark nor DL4J.
 *
 * <p>Two packages below: {@link io.convoy.conf.names} holds the enumerations whose constants
 * configuration files spell by name (architectures, optimizers, modes); {@link io.convoy.conf.settings}
 * declares every setting once (key, kind, default, meaning) and binds, checks, renders and diffs them.
 */
package io.convoy.conf;
