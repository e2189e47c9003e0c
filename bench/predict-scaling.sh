#!/usr/bin/env bash
# convoy predict --data on local[2] against the single-process path (convoy predict IMAGE...) on
# the same generated images, in one JVM, alternating rounds; prints images/s per round, the
# medians and the ratios (io.convoy.driver.scoring.PredictScalingBenchmark, test scope).
# Usage: bench/predict-scaling.sh [images (16000)] [image size (32)] [rounds (5)] [model folder]
# Runs with the launcher's settings: oneDNN natives, DL4J helpers on, OMP_NUM_THREADS=1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cp_file="$root/driver/target/predict-scaling.classpath"
# test-compile in the same reactor run, so that convoy's own modules come from target/classes.
mvn -B -o -q -pl driver -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp_file" >&2
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec java -Xmx4g @"$root/submit/jvm.options" -Dspark.ui.enabled=false \
  -cp "$root/driver/target/test-classes:$root/driver/target/classes:$(cat "$cp_file")" \
  io.convoy.driver.scoring.PredictScalingBenchmark "$@"
