package io.convoy.model;

import io.convoy.conf.OptimizerConfig;
import java.io.Serializable;

/**
 * Everything needed to build the same network anywhere (driver or executor). Equal specs build
 * networks with the same parameter layout, so a spec is also the key of cached replicas.
 */
public record ModelSpec(String arch, InputShape input, int classes, OptimizerConfig optimizer)
    implements Serializable {}
