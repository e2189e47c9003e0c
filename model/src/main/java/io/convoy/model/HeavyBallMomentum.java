package io.convoy.model;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * SGD with classical (heavy-ball) momentum, as PyTorch's {@code SGD(momentum=m)} defines it:
 * {@code v = m * v + g; w -= lr * v}. DL4J ships only Nesterov momentum. Serialized into
 * model.zip by class name (DL4J's JSON reads the fields), so loading such a model needs this
 * class on the classpath, under this name: it stays in {@code io.convoy.model} for the models
 * already saved, though the other optimizers are in {@link io.convoy.model.optim}.
 */
public final class HeavyBallMomentum implements IUpdater {
  private static final long serialVersionUID = 1L;

  private double learningRate;
  private ISchedule learningRateSchedule;
  private double momentum;

  /** For DL4J's JSON deserialization. */
  public HeavyBallMomentum() {
    this(0.01, 0.9);
  }

  public HeavyBallMomentum(double learningRate, double momentum) {
    this.learningRate = learningRate;
    this.momentum = momentum;
  }

  public double getMomentum() {
    return momentum;
  }

  @Override
  public long stateSize(long numParams) {
    return numParams;
  }

  @Override
  public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
    Updater u = new Updater(this);
    u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
    return u;
  }

  @Override
  public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
    Updater u = new Updater(this);
    u.setState(updaterState, initializeStateArrays);
    return u;
  }

  @Override
  public HeavyBallMomentum clone() {
    HeavyBallMomentum c = new HeavyBallMomentum(learningRate, momentum);
    c.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
    return c;
  }

  @Override
  public double getLearningRate(int iteration, int epoch) {
    return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
  }

  @Override
  public boolean hasLearningRate() {
    return true;
  }

  @Override
  public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
    this.learningRate = lr;
    this.learningRateSchedule = lrSchedule;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeavyBallMomentum h && h.learningRate == learningRate && h.momentum == momentum
        && Objects.equals(h.learningRateSchedule, learningRateSchedule);
  }

  @Override
  public int hashCode() {
    return Objects.hash(learningRate, momentum, learningRateSchedule);
  }

  @Override
  public String toString() {
    return "HeavyBallMomentum(lr=" + learningRate + ", momentum=" + momentum + ")";
  }

  /** The per-block state: one velocity per parameter. */
  static final class Updater implements GradientUpdater<HeavyBallMomentum> {
    static final String VELOCITY = "V";

    private final HeavyBallMomentum config;
    private INDArray v;

    Updater(HeavyBallMomentum config) {
      this.config = config;
    }

    @Override
    public HeavyBallMomentum getConfig() {
      return config;
    }

    @Override
    public void setState(Map<String, INDArray> state, boolean initialize) {
      INDArray velocity = state.get(VELOCITY);
      if (velocity == null || state.size() != 1) {
        throw new IllegalStateException("heavy-ball momentum state must hold exactly " + VELOCITY + ", found "
            + state.keySet());
      }
      v = velocity;
      if (initialize) {
        v.assign(0);
      }
    }

    @Override
    public Map<String, INDArray> getState() {
      return Map.of(VELOCITY, v);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
      if (initialize) {
        viewArray.assign(0);
      }
      v = viewArray.reshape(gradientOrder, gradientShape);
    }

    /** Turns the gradient into the step DL4J subtracts: lr * (m * v + g), keeping the new v. */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
      if (v == null) {
        throw new IllegalStateException("heavy-ball momentum updater used before its state was set");
      }
      v.muli(config.momentum).addi(gradient);
      gradient.assign(v).muli(config.getLearningRate(iteration, epoch));
    }
  }
}
