package io.convoy.worker;

import io.convoy.model.NativeVariant;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Binds a task's thread to the GPU Spark assigned the task. With GPU scheduling
 * ({@code spark.executor.resource.gpu.amount}, {@code spark.task.resource.gpu.amount} and the
 * discovery script {@code submit/gpu-discovery.sh}) Spark gives every task its own GPU
 * addresses; ND4J places a thread's arrays on that thread's device, so the replica the task
 * trains lives on the task's GPU, and an executor with several GPUs trains several replicas at
 * once. A task given several GPUs uses the first: one replica uses one GPU. Tasks without a GPU
 * (CPU clusters, local mode) are left alone.
 */
public final class GpuBinding {
  /** The resource name Spark's GPU scheduling uses. */
  public static final String RESOURCE = "gpu";

  private GpuBinding() {}

  /**
   * The CUDA device a task should use, given the resources Spark assigned it: the first
   * {@value #RESOURCE} address, which the discovery script writes as nvidia-smi's device index.
   *
   * @throws IllegalStateException when the address is not a device index
   */
  public static OptionalInt device(Map<String, ResourceInformation> resources) {
    ResourceInformation gpu = resources.get(RESOURCE);
    if (gpu == null || gpu.addresses().length == 0) {
      return OptionalInt.empty();
    }
    String address = gpu.addresses()[0].strip();
    try {
      int device = Integer.parseInt(address);
      if (device < 0) {
        throw new NumberFormatException("negative");
      }
      return OptionalInt.of(device);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("Spark assigned this task GPU address \"" + address + "\": convoy needs "
          + "CUDA device indexes (0, 1, ...) as submit/gpu-discovery.sh reports them; set "
          + "spark.executor.resource.gpu.discoveryScript to it");
    }
  }

  /** Binds the calling task's thread to its GPU, if Spark assigned one; returns the device. */
  public static OptionalInt bindCurrentTask() {
    TaskContext task = TaskContext.get();
    if (task == null) {
      return OptionalInt.empty();
    }
    OptionalInt device = device(task.resourcesJMap());
    device.ifPresent(GpuBinding::bind);
    return device;
  }

  /**
   * Makes {@code device} the calling thread's ND4J device.
   *
   * @throws IllegalStateException when this build has no CUDA backend or ND4J does not see the device
   */
  static void bind(int device) {
    if (!NativeVariant.cudaBuild()) {
      throw new IllegalStateException("Spark assigned this task GPU " + device + ", but this convoy build has "
          + "ND4J's CPU backend only: build it with 'mvn -Pcuda -DskipTests package', or remove "
          + "spark.task.resource.gpu.amount");
    }
    AffinityManager affinity = Nd4j.getAffinityManager();
    int devices = affinity.getNumberOfDevices();
    if (device >= devices) {
      throw new IllegalStateException("Spark assigned this task GPU " + device + ", but ND4J sees " + devices
          + " device(s) on this host: check the discovery script's output and CUDA_VISIBLE_DEVICES");
    }
    affinity.unsafeSetDevice(device);
  }
}
