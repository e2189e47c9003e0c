/**
 * How HOCON becomes the configuration tree. Each setting is declared once, as a {@code Setting}
 * (key, {@code Kind} with its check and accepted-values text, default, meaning) in its section's
 * {@code *Settings} class, which takes the defaults the tree's records declare; the binder, the
 * renderer, the diff and the tests against {@code reference.conf} all read those declarations.
 * Rules between settings are in {@code ConfigRules}; each image operation's parameters and
 * defaults in {@link io.convoy.conf.settings.PipelineOps}, the named pipelines in
 * {@link io.convoy.conf.settings.PipelinePresets}. Public: {@link io.convoy.conf.settings.ConfigBinder}
 * (through which {@link io.convoy.conf.ConfigLoader} binds), the renderer, the diff and the
 * pipeline operations and presets; the declarations stay inside.
 */
package io.convoy.conf.settings;
