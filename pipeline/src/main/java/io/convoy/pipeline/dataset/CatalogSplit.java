package io.convoy.pipeline.dataset;

import java.io.Serializable;

/** A catalog divided into training and validation halves with the same classes. */
public record CatalogSplit(Catalog train, Catalog val) implements Serializable {}
