package io.convoy.worker.replica;

import java.io.Serializable;

/**
 * Parameters and optimizer state as flat vectors: what the driver broadcasts each round.
 * {@code updaterState} is empty when it does not travel.
 */
public record ModelState(float[] parameters, float[] updaterState) implements Serializable {}
