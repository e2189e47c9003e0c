package io.convoy.worker;

import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.replica.EvalResult;
import io.convoy.worker.replica.ModelState;
import io.convoy.worker.replica.NativeThreads;
import io.convoy.worker.replica.ReplicaCache;
import io.convoy.worker.replica.ReplicaEvaluation;
import io.convoy.worker.replica.WorkerSettings;

import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.pipeline.ImagePipeline;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/** Evaluates the broadcast parameters on one validation shard with the eval pipeline. */
public final class EvalTask implements Function2<Integer, Iterator<EncodedSample>, Iterator<EvalResult>> {
  private final ModelSpec spec;
  private final ImagePipeline pipeline;
  private final Broadcast<ModelState> state;
  private final WorkerSettings settings;

  public EvalTask(ModelSpec spec, ImagePipeline pipeline, Broadcast<ModelState> state, WorkerSettings settings) {
    this.spec = spec;
    this.pipeline = pipeline;
    this.state = state;
    this.settings = settings;
  }

  @Override
  public Iterator<EvalResult> call(Integer shard, Iterator<EncodedSample> samples) {
    List<EncodedSample> all = new ArrayList<>();
    samples.forEachRemaining(all::add);
    if (all.isEmpty()) {
      return List.of(new EvalResult(spec.classes())).iterator();
    }
    NativeThreads.limit(settings.threads());
    // The shard's training replica is reused: evaluation only overwrites parameters, which
    // the next round sets again, and leaves updater state alone.
    Replica replica = ReplicaCache.shard(settings.runId(), spec, shard, state.value().parameters()).replica;
    replica.setParameters(state.value().parameters());
    return List.of(ReplicaEvaluation.evaluate(replica, pipeline, all)).iterator();
  }
}
