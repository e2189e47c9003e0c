/**
 * The built-in shapes dataset that demos and tests generate instead of downloading one
 * ({@link io.convoy.pipeline.synthetic.ShapesGenerator}). Imports {@code dataset}.
 */
package io.convoy.pipeline.synthetic;
