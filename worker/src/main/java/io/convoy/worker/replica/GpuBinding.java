package io.convoy.worker.replica;

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
   * @throws IllegalStateException when this build has no CUDA backend, ND4J fell back to the CPU
   *     (no usable driver or device) or ND4J does not see the device
   */
  static void bind(int device) {
    boolean cudaBuild = NativeVariant.cudaBuild();
    boolean onCuda = cudaBuild && NativeVariant.cudaFallback() == null;
    AffinityManager affinity = onCuda ? Nd4j.getAffinityManager() : null;
    String problem = problem(device, cudaBuild, onCuda, onCuda ? affinity.getNumberOfDevices() : 0);
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
    affinity.unsafeSetDevice(device);
  }

  /**
   * Why a task given GPU {@code device} cannot use it, or null when it can.
   *
   * @param onCuda whether ND4J runs on its CUDA backend here (not on the CPU it falls back to)
   * @param devices the CUDA devices ND4J sees
   */
  static String problem(int device, boolean cudaBuild, boolean onCuda, int devices) {
    if (!cudaBuild) {
      return "Spark assigned this task GPU " + device + ", but this convoy build has "
          + "ND4J's CPU backend only: build it with 'mvn -Pcuda -DskipTests package', or remove "
          + "spark.task.resource.gpu.amount";
    }
    if (!onCuda) {
      return "Spark assigned this task GPU " + device + ", but this CUDA build (-Pcuda) found no usable "
          + "CUDA driver or device on this host and ND4J fell back to the CPU: check the NVIDIA driver, "
          + "CUDA 11.6 and cuDNN 8.3 here (the executor log has ND4J's reason)";
    }
    if (device >= devices) {
      return "Spark assigned this task GPU " + device + ", but ND4J sees " + devices
          + " device(s) on this host: check the discovery script's output and CUDA_VISIBLE_DEVICES";
    }
    return null;
  }
}
