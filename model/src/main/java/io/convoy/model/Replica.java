package io.convoy.model;

import io.convoy.model.kernels.Kernels;
import io.convoy.model.optim.LearningRateSchedule;
import io.convoy.model.optim.Optimizers;
import io.convoy.model.optim.PlateauTracker;
import io.convoy.model.zoo.ModelZoo;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Trainable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * One trainable copy of a network, seen as flat float vectors: parameters and optimizer
 * (updater) state go in and out as {@code float[]} in DL4J's own flattened order, which is the
 * same for every replica of the same {@link ModelSpec}. Plain stacks and graphs (ResNet,
 * GoogLeNet) behave identically. Not thread-safe: one task uses it at a time.
 *
 * <p>The learning rate is {@link LearningRateSchedule}'s rate at the current step times a factor
 * ({@link #setLearningRateFactor}); it is set on the network's updaters before every step.
 */
public final class Replica {
  static {
    // Before any network is built in this JVM: the native build for this CPU, oneDNN helpers on.
    NativeVariant.select();
  }

  private final ModelSpec spec;
  /** DL4J's network; after {@link #training()}, the same network with the backend's training pass. */
  private Network net;
  /** Which backend trains this replica and why; null until attached (see {@link #training()}). */
  private BackendChoice backend;
  private final LearningRateSchedule schedule;
  /** The flattened ranges [start, end) whose "gradient" is an update DL4J does not divide by the batch. */
  private final UndividedParameters undivided;
  /** The network's updater configurations, fixed when it is built (see {@link Optimizers#updaterConfigs(List)}). */
  private final List<IUpdater> updaterConfigs;
  private double learningRateFactor = 1;

  private Replica(ModelSpec spec, Network net) {
    this.spec = spec;
    this.net = net;
    this.schedule = new LearningRateSchedule(spec.optimizer(), spec.plan());
    this.undivided = UndividedParameters.of(net);
    this.updaterConfigs = Optimizers.updaterConfigs(net.orderedLayers());
    Kernels.install(net.orderedLayers().stream().filter(Layer.class::isInstance).map(Layer.class::cast).toList());
  }

  /**
   * A new network with weights drawn from {@code seed} (the calling thread's ND4J RNG is reseeded),
   * to train: the backend {@code model.backend} names is attached at once, so that a run that
   * cannot train on it fails here, before any task starts.
   *
   * @throws io.convoy.conf.ConfigException when that backend is missing or cannot train the architecture
   */
  public static Replica initialize(ModelSpec spec, long seed) {
    Network net = Network.of(ModelZoo.configuration(spec, seed));
    net.init(null);
    Replica replica = new Replica(spec, net);
    replica.training();
    return replica;
  }

  /**
   * A new network holding {@code parameters}; no random number is drawn. The backend
   * {@code model.backend} names is attached on the first training call ({@link #fit},
   * {@link #computeGradient}, {@link #applyGradient}), never for {@link #predict} or {@link #save}:
   * a model trained with libtorch and loaded again evaluates and predicts with DL4J alone.
   */
  public static Replica withParameters(ModelSpec spec, float[] parameters) {
    Network net = Network.of(ModelZoo.configuration(spec, 0L));
    net.init(Nd4j.createFromArray(parameters).reshape(1, parameters.length));
    return new Replica(spec, net);
  }

  public ModelSpec spec() {
    return spec;
  }

  /**
   * The backend that computes this replica's gradients, and why ({@code model.backend = auto}
   * resolved): attaches it if no training call has yet.
   *
   * @throws io.convoy.conf.ConfigException when the configured backend is missing or cannot train the architecture
   */
  public BackendChoice backend() {
    training();
    return backend;
  }

  /**
   * Length of the flat parameter vector. Includes batch norm's running mean and variance, which
   * DL4J stores as parameters (torchvision counts them as buffers instead).
   */
  public int numParameters() {
    return (int) net.numParams();
  }

  public float[] parameters() {
    float[] out = new float[numParameters()];
    copyParametersTo(out, 0);
    return out;
  }

  /** Copies the parameters into {@code dst[offset .. offset + numParameters()]}. */
  public void copyParametersTo(float[] dst, int offset) {
    FloatCopy.read(net.params(), dst, offset);
  }

  public void setParameters(float[] parameters) {
    FloatCopy.requireLength("parameters", parameters.length, numParameters());
    setParameters(parameters, 0);
  }

  /** Sets the parameters from {@code src[offset .. offset + numParameters()]}. */
  public void setParameters(float[] src, int offset) {
    FloatCopy.write(src, offset, net.params());
  }

  /** Length of the optimizer state (0 for plain SGD). */
  public int updaterStateLength() {
    INDArray state = updaterStateView();
    return state == null ? 0 : (int) state.length();
  }

  public float[] updaterState() {
    float[] out = new float[updaterStateLength()];
    copyUpdaterStateTo(out, 0);
    return out;
  }

  /** Copies the optimizer state into {@code dst[offset .. offset + updaterStateLength()]}. */
  public void copyUpdaterStateTo(float[] dst, int offset) {
    INDArray state = updaterStateView();
    if (state != null) {
      FloatCopy.read(state, dst, offset);
    }
  }

  public void setUpdaterState(float[] state) {
    FloatCopy.requireLength("updater state", state.length, updaterStateLength());
    setUpdaterState(state, 0);
  }

  /** Sets the optimizer state from {@code src[offset .. offset + updaterStateLength()]}. */
  public void setUpdaterState(float[] src, int offset) {
    INDArray view = updaterStateView();
    if (view != null) {
      FloatCopy.write(src, offset, view);
    }
  }

  /** Zeroes momentum and other optimizer state. */
  public void resetUpdaterState() {
    INDArray view = updaterStateView();
    if (view != null) {
      view.assign(0);
    }
  }

  /**
   * Sets the global step and epoch, which drive the learning-rate schedule and Adam's bias
   * correction, so that a replica reused or rebuilt anywhere counts like the run does.
   */
  public void setStep(long iteration, int epoch) {
    net.setIteration((int) iteration);
    net.setEpoch(epoch);
  }

  /**
   * Multiplies the scheduled learning rate by {@code factor} from the next step on (the
   * {@code plateau} schedule's drops, see {@link PlateauTracker}). Like the step, it is state of
   * this replica only: set it on every replica (with {@link #setStep}) each round.
   */
  public void setLearningRateFactor(double factor) {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("learning-rate factor must be finite and >= 0, found " + factor);
    }
    this.learningRateFactor = factor;
  }

  /** The learning rate the next step uses: schedule at the current step, times the factor. */
  public double learningRate() {
    return schedule.at(net.iteration()) * learningRateFactor;
  }

  /**
   * One optimizer step on a minibatch.
   *
   * @param features {@code n} examples, NCHW, {@code n * input.length()} floats
   * @param labels class index of each example
   * @return the minibatch loss before the step (mean loss plus weight-decay term)
   */
  public double fit(float[] features, int[] labels, int n) {
    Network trainer = training();
    applyLearningRate();
    trainer.fit(Minibatch.features(spec.input(), features, n), Minibatch.oneHot(labels, n, spec.classes()));
    return trainer.score();
  }

  /**
   * The gradient of a minibatch at the current parameters, as DL4J computes it before its
   * updater runs: summed (not averaged) over the {@code n} examples, without weight decay.
   * Sums from several replicas plus their total example count give exactly the gradient of
   * the union minibatch (see {@link #applyGradient}). Batch norm's running statistics are no
   * gradient: their entries carry {@code n} times this minibatch's update of them, so that the
   * sum over replicas, divided by the total in {@link #applyGradient}, is the example-weighted
   * mean of the replicas' updates (each replica normalizes with its own batch statistics).
   *
   * @return the minibatch loss; the gradient is copied into {@code gradientOut}
   */
  public double computeGradient(float[] features, int[] labels, int n, float[] gradientOut) {
    FloatCopy.requireLength("gradient", gradientOut.length, numParameters());
    return computeGradient(features, labels, n, gradientOut, 0);
  }

  /** {@link #computeGradient(float[], int[], int, float[])} into {@code out[offset .. offset + numParameters()]}. */
  public double computeGradient(float[] features, int[] labels, int n, float[] out, int offset) {
    training().computeGradientAndScore(Minibatch.features(spec.input(), features, n),
        Minibatch.oneHot(labels, n, spec.classes()));
    FloatCopy.read(net.gradientView(), out, offset);
    undivided.multiply(out, offset, n);
    net.clear();
    return net.score();
  }

  /**
   * One optimizer step with a summed gradient over {@code examples} examples: what
   * {@link #fit} does after its backward pass (updater with weight decay, then
   * parameters -= update), with the gradient supplied from outside.
   */
  public void applyGradient(float[] gradientSum, int examples) {
    FloatCopy.requireLength("gradient", gradientSum.length, numParameters());
    applyGradient(gradientSum, 0, examples);
  }

  /**
   * {@link #applyGradient(float[], int)} with the sum in {@code sum[offset .. offset + numParameters()]},
   * which is left unchanged. Copies it once, straight into DL4J's gradient view.
   */
  public void applyGradient(float[] sum, int offset, int examples) {
    training();
    // DL4J lays out its gradient views on its first backward pass; this replica may have run none.
    GradientLayout.ensure(net.dl4j());
    INDArray view = net.gradientView();
    FloatCopy.write(sum, offset, view);
    undivided.divide(view, examples);
    applyLearningRate();
    net.update(examples);
    // DL4J M2 keeps both as [1, n]; M2.1 (the -Pcuda build) has params() as [n]
    INDArray params = net.params();
    params.subi(view.reshape(params.shape()));
    net.setIteration(net.iteration() + 1);
  }

  /**
   * The DL4J network behind this replica (a MultiLayerNetwork or a ComputationGraph), for
   * measurements that drive its layers one at a time ({@code convoy bench step}, module {@code bench}).
   * Training code goes through the methods above: they keep the learning rate, step count and
   * flat views consistent, which direct calls on the network do not.
   */
  public org.deeplearning4j.nn.api.NeuralNetwork dl4jNetwork() {
    return net.dl4j();
  }

  /**
   * Class probabilities in inference mode, {@code n x classes} row-major: computed by the training
   * backend once one is attached (validation during training), else by DL4J.
   */
  public float[] predict(float[] features, int n) {
    return Nd4j.toFlattened('c', net.output(Minibatch.features(spec.input(), features, n))).toFloatVector();
  }

  /** Writes DL4J's ModelSerializer format, loadable by plain DL4J (see {@code optimizer.name}). */
  public void save(OutputStream out, boolean withUpdaterState) throws IOException {
    net.save(out, withUpdaterState);
  }

  /**
   * The network that trains: DL4J's, or DL4J's with the training pass of the backend
   * {@code model.backend} names, attached on the first call (see {@link #withParameters}).
   */
  private Network training() {
    if (backend == null) {
      Backends.Attached attached = Backends.attach(spec, net);
      net = attached.network();
      backend = attached.choice();
    }
    return net;
  }

  /** Sets the current rate on every updater configuration the network's updaters read. */
  private void applyLearningRate() {
    double lr = learningRate();
    for (IUpdater u : updaterConfigs) {
      u.setLrAndSchedule(lr, null);
    }
  }

  private INDArray updaterStateView() {
    var updater = net.updater();
    return updater == null ? null : updater.getStateViewArray();
  }
}
