/**
 * The {@code model.zip} format, in one place: {@link io.convoy.driver.modelzip.ModelZip} writes
 * it (the result of a run, and in checkpoints) and reads it back as a
 * {@link io.convoy.driver.modelzip.LoadedModel} for {@code convoy evaluate} and
 * {@code convoy predict}. DL4J's ModelSerializer entries plus the labels and the configuration.
 *
 * <p>Imports {@code common}. Imported by {@code checkpoint}, {@code train}, {@code api}, {@code scoring} and
 * {@code cli}.
 */
package io.convoy.driver.modelzip;
