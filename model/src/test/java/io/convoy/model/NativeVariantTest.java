package io.convoy.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the CUDA build says where ND4J cannot use CUDA (decided from names, so no GPU is needed). */
class NativeVariantTest {
  private static final String CPU = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";

  @Test
  void theCudaBuildOnTheCpuSaysSoInOneLineNamingTheCpuBuild() {
    String warning = NativeVariant.cudaFallback(true, CPU);
    assertTrue(warning.contains("CUDA build (-Pcuda)") && warning.contains("no usable CUDA driver or device")
        && warning.contains("submit/target/convoy-app.jar"), warning);
    assertFalse(warning.contains("\n"), warning);
  }

  @Test
  void nothingToSayOnCudaOrInTheCpuBuild() {
    assertNull(NativeVariant.cudaFallback(true, NativeVariant.CUDA_BACKEND));
    assertNull(NativeVariant.cudaFallback(false, CPU));
  }
}
