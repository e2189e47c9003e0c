/**
 * Module {@code bench}: benchmarks and baselines, apart from the product modules.
 * {@link io.convoy.bench.BenchCommand} is {@code convoy bench}; {@link
 * io.convoy.bench.BenchCommandProvider} puts it into {@code convoy}'s command tree through
 * {@code java.util.ServiceLoader} ({@code META-INF/services/io.convoy.driver.cli.SubcommandProvider}),
 * since the driver does not depend on this module. Each benchmark has a package of its own:
 * {@code engines}, {@code step}, {@code pipeline}, {@code augment}, {@code allreduce}.
 * Benchmarks measure; they add no behaviour the other commands lack.
 *
 * <p>Imports the driver (its {@code cli} options and exit statuses, {@code train}, {@code data},
 * {@code metrics}, {@code common}), {@code worker}, {@code model}, {@code pipeline} and
 * {@code conf}. No product module imports {@code io.convoy.bench} (the architecture test in
 * {@code tests} checks it).
 */
package io.convoy.bench;
