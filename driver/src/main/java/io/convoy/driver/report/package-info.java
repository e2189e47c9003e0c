/**
 * {@code report.html}: a run's metrics, charts (XChart, rendered to PNG), confusion matrix,
 * augmented samples, first-layer filters and configuration in one self-contained page (images
 * embedded as base64 PNG, no script, nothing fetched). Needs neither Spark nor a running job:
 * everything comes from the run's outputs and a few training images.
 */
package io.convoy.driver.report;
