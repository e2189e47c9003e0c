package io.convoy.driver;

/** The figures of a finished run, as in its {@code final} metrics event. */
record TrainingSummary(double valTop1, double valTop5, double valLoss, int epochs, double imagesPerSec,
    double wallSeconds, String outputDir) {}
