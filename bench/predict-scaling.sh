#!/usr/bin/env bash
# convoy predict --data on local[2] against the single-process path on the same generated images,
# in one JVM, round by round: single (no output), single+parquet (the same table written by one
# process), 2 threads (no Spark: the ceiling) and local[2] (BatchPrediction, parquet); prints
# images/s, the cores used by this process and by others, and the JIT's time per round, then
# medians, ranges and ratios (io.convoy.driver.scoring.PredictScalingBenchmark, test scope).
# Usage: bench/predict-scaling.sh [images (16000)] [image size (32)] [rounds (5)] [model folder | arch:NAME]
#   e.g. bench/predict-scaling.sh 240 224 3 arch:resnet20   (trains resnet20 for one epoch first)
# Runs with the launcher's settings: oneDNN natives, DL4J helpers on, OMP_NUM_THREADS=1, SD_MAX_THREADS
# and its malloc and OpenBLAS settings (submit/native-env.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cp_file="$root/driver/target/predict-scaling.classpath"
# test-compile in the same reactor run, so that convoy's own modules come from target/classes.
mvn -B -o -q -pl driver -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp_file" >&2
# The launcher's native settings (threads, libnd4j's pool = the cores, glibc's allocator, OpenBLAS).
source "$root/submit/native-env.sh"
# CONVOY_JAVA_OPTS: extra JVM flags, as submit/convoy takes them (e.g. JavaCPP's native memory
# limits, -Dorg.bytedeco.javacpp.maxbytes=16g -Dorg.bytedeco.javacpp.maxphysicalbytes=20g).
# shellcheck disable=SC2086
exec java -Xmx4g @"$root/submit/jvm.options" -Dspark.ui.enabled=false ${CONVOY_JAVA_OPTS:-} \
  -cp "$root/driver/target/test-classes:$root/driver/target/classes:$(cat "$cp_file")" \
  io.convoy.driver.scoring.PredictScalingBenchmark "$@"
