package io.convoy.model.optim;

import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * convoy's learning-rate schedule as DL4J's own, for networks that DL4J trains by itself (the
 * {@code dl4j-paramavg} baseline): a {@link Replica} sets its rate before every step, but a
 * network handed to dl4j-spark would otherwise keep its configured base rate for the whole run,
 * which is a different optimization from the job's. The rate of every iteration of the plan is
 * listed in a {@link MapSchedule} by iteration, which DL4J serializes with the configuration.
 */
public final class Dl4jSchedule {
  private Dl4jSchedule() {}

  /** DL4J's schedule giving {@link LearningRateSchedule#at} at every step of the plan. */
  public static MapSchedule of(ModelSpec spec) {
    LearningRateSchedule schedule = new LearningRateSchedule(spec.optimizer(), spec.plan());
    long steps = spec.plan().epochs() * spec.plan().stepsPerEpoch();
    if (steps > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a plan of " + steps + " steps does not fit DL4J's iteration counter");
    }
    Map<Integer, Double> rates = new LinkedHashMap<>();
    for (int step = 0; step <= steps; step++) {
      rates.put(step, schedule.at(step));
    }
    return new MapSchedule(ScheduleType.ITERATION, rates);
  }

  /** Puts {@link #of} on every updater of {@code net} that has a learning rate. */
  public static void install(MultiLayerNetwork net, ModelSpec spec) {
    MapSchedule schedule = of(spec);
    for (IUpdater u : Optimizers.updaterConfigs(Arrays.asList(net.getLayers()))) {
      u.setLrAndSchedule(Double.NaN, schedule);
    }
  }
}
