/**
 * The Spark application's entry point: {@link io.convoy.driver.ConvoyMain}, the class the
 * launcher ({@code submit/convoy}, {@code spark-submit --class}) names. It holds the command tree
 * and turns exceptions into exit statuses; everything else lives in the packages below, by job.
 * Commands of modules above the driver ({@code convoy bench}) join the tree through
 * {@link io.convoy.driver.cli.SubcommandProvider}.
 *
 * <p>Layers, each importing only those under it (see {@code docs/architecture.md}; the
 * architecture test in {@code tests} checks them): this package; {@code cli};
 * {@code train}; {@code checkpoint}; {@code metrics}; {@code engine}, {@code data},
 * {@code modelzip}, {@code report}; {@code common}. Nothing imports this package.
 */
package io.convoy.driver;
