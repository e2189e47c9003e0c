/**
 * {@code report.html}: a run's metrics, charts (XChart, rendered to PNG), confusion matrix,
 * augmented samples, first-layer filters and configuration in one self-contained page (images
 * embedded as base64 PNG, no script, nothing fetched). Needs neither Spark nor a running job:
 * everything comes from the run's outputs and a few training images. {@link
 * io.convoy.driver.report.ReportWriter} writes it at the end of a run and for
 * {@code convoy report}.
 *
 * <p>Imports {@code common} (the output folder). Imported by {@code train} and {@code cli}.
 */
package io.convoy.driver.report;
