# Sourced by submit/convoy, submit/convoy-submit and the benchmarks that start convoy's JVM
# themselves: the native libraries' settings convoy runs with, each only where the caller has not
# set it. Executors get the host-independent ones from spark.executorEnv (SparkContexts).
# shellcheck shell=bash

# ND4J's native threads per replica.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# libnd4j sizes its thread pool once, when it loads, from SD_MAX_THREADS (else OMP_NUM_THREADS):
# the cores, so that cluster.threads-per-worker > 1 reaches its operations (worker's NativeThreads).
export SD_MAX_THREADS="${SD_MAX_THREADS:-$(nproc)}"

# glibc gives large freed blocks back to the kernel (over 32 MB, and beyond a thread arena's
# 64 MB heap), so every training step faulted its activations in again page by page: a quarter
# of a resnet18 step at 224x224 (perf). One arena that keeps what it frees. CONVOY_MALLOC=glibc
# leaves glibc's defaults, for comparison.
# The arena in transparent huge pages (glibc >= 2.35; older ones ignore the tunable, and it does
# nothing where the kernel's THP is "never"): the first training step of resnet50 at 224x224 faulted
# 4.7 GB in 4 KB at a time, 1.2 million faults, about 4 s of a 15 s step; 54 thousand with it.
if [[ "${CONVOY_MALLOC:-keep}" != glibc ]]; then
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}" MALLOC_MMAP_MAX_="${MALLOC_MMAP_MAX_:-0}" \
    MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-68719476736}" \
    GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.hugetlb=1}"
fi

# OpenBLAS (DL4J's dense layers and matrix products, libtorch's 1x1 convolutions): its worker
# threads spin for 2^28 cycles (about 0.1 s) after every call before they sleep, and with 2 native
# threads on 2 cores they took the cores OpenMP's threads needed (perf: an OpenBLAS worker 55% in
# its wait loop). 2^4 cycles: they sleep at once (docs/benchmarks.md). OPENBLAS_CORETYPE is left
# alone: where it is set, it is set because older OpenBLAS builds compute wrong results on that CPU.
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"
