/**
 * The closed vocabularies of the configuration: enumerations whose constants a job file writes by
 * their {@link io.convoy.conf.names.ConfigName#configName() configuration name} (architectures,
 * activations, losses, optimizers, schedules, averaging modes, transports, engines, backends,
 * metrics). Depends on nothing else of convoy, so every module can read them; the architecture
 * facts that configuration checks and the model zoo share are in
 * {@link io.convoy.conf.names.ArchitectureName}.
 */
package io.convoy.conf.names;
