/**
 * CNN architectures and optimizers turned into DL4J networks, and {@link io.convoy.model.Replica},
 * the one view of a network the rest of convoy uses (flat parameters, updater state, a
 * training step, inference, saving). DL4J's builders stay behind this package; it never
 * imports Spark.
 */
package io.convoy.model;
