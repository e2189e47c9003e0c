/**
 * The {@code convoy} commands of everyday use (train, demo, generate, import-idx, pack, augment,
 * evaluate, predict, report, model), as picocli commands: each parses its options, calls the
 * job it names and returns an {@link io.convoy.driver.cli.ExitStatus}. {@link
 * io.convoy.driver.cli.JobOptions} declares the options commands share ({@code --conf},
 * {@code --set}, {@code --master}) once. {@link io.convoy.driver.cli.SubcommandProvider} is how
 * a module above the driver adds a command ({@code convoy bench}, from module {@code bench}).
 *
 * <p>Imports {@code api} (train and evaluate are thin users of it), {@code train} and the
 * packages under it. Imported by {@code io.convoy.driver} (the command tree) and, from outside
 * the driver, by module {@code bench} (for {@code SubcommandProvider}, {@code JobOptions} and
 * {@code ExitStatus}).
 */
package io.convoy.driver.cli;
