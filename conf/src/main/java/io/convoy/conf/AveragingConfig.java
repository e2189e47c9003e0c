package io.convoy.conf;

import io.convoy.conf.names.AveragingMode;
import io.convoy.conf.names.UpdaterStatePolicy;
import java.io.Serializable;

/**
 * How replicas are combined.
 *
 * @param mode what is averaged
 * @param frequency minibatches each replica trains between averagings ({@code parameters})
 * @param updaterState what happens to optimizer state ({@code parameters})
 * @param aggregationDepth depth of Spark's treeAggregate that sums the replicas' results
 */
public record AveragingConfig(AveragingMode mode, int frequency, UpdaterStatePolicy updaterState,
    int aggregationDepth)
    implements Serializable {}
