package io.convoy.driver.cli;

/**
 * A {@code convoy} command that a module above the driver contributes: {@code ConvoyMain} finds
 * every implementation on the class path through {@link java.util.ServiceLoader} (listed in the
 * module's {@code META-INF/services/io.convoy.driver.cli.SubcommandProvider}) and adds its command
 * to the tree. This is how {@code convoy bench} (module {@code bench}, which depends on the
 * driver) is reachable without the driver importing it.
 */
public interface SubcommandProvider {
  /**
   * A new instance of a class annotated with picocli's {@code @Command} (its {@code name} is the
   * word after {@code convoy}), as picocli's {@code CommandLine.addSubcommand(Object)} takes it.
   */
  Object command();
}
