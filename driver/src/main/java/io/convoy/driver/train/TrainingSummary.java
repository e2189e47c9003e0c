package io.convoy.driver.train;

import io.convoy.worker.replica.ModelState;

/** The figures of a finished run, as in its {@code final} metrics event, and its final state. */
public record TrainingSummary(double valTop1, double valTop5, double valLoss, int epochs, double imagesPerSec,
    double wallSeconds, String outputDir, ModelState finalState) {}
