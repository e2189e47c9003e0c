/**
 * How HOCON becomes the configuration tree. Each setting is declared once, as a
 * {@link io.convoy.conf.settings.Setting} (key, {@link io.convoy.conf.settings.Kind} with its check
 * and accepted-values text, default, meaning) in its section's {@code *Settings} class; the binder,
 * the renderer, the diff, the records' default constructors and the tests against
 * {@code reference.conf} all read those declarations. Rules between settings are in
 * {@link io.convoy.conf.settings.ConfigRules}; each image operation's parameters and defaults in
 * {@link io.convoy.conf.settings.PipelineOps}. Public so that the tree's records and
 * {@link io.convoy.conf.ConfigLoader} can read it; other modules use only the renderer, the diff
 * and the pipeline operations' declarations.
 */
package io.convoy.conf.settings;
