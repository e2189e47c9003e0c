/**
 * Optimizers and learning-rate schedules: configurations turned into DL4J updaters and gradient
 * normalization ({@link io.convoy.model.optim.Optimizers}), the rate at every step
 * ({@link io.convoy.model.optim.LearningRateSchedule}), the plateau schedule's drops and early
 * stopping, which watch one metric epoch by epoch. The heavy-ball momentum updater stays in
 * {@code io.convoy.model}: model.zip names its class.
 */
package io.convoy.model.optim;
