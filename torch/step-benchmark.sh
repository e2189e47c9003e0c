#!/usr/bin/env bash
# resnet20 (or ARCH) training step on both backends, DL4J and libtorch alternating rounds in one
# JVM per thread count, JVMs alternating by thread count SETS times: images/s and CPU-ms per image.
# On a loaded 2-core machine, 2-thread runs of both backends sometimes collapse to 20-40 img/s at
# 20-30 CPU-ms per image (OpenMP teams spinning while a teammate is descheduled, presumably):
# compare CPU-ms per image, and runs of the same JVM.
#   SETS=2 THREADS="1 2" ROUNDS=5 STEPS=4 torch/step-benchmark.sh [arch=resnet20] [size=32] [batch=64] [mode=fit|gradient]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl torch -am test-compile
cp_file=$(mktemp)
mvn -B -o -q -pl torch dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
# this worktree's classes, not the shared ~/.m2 snapshots of convoy's modules
deps=$(tr ':' '\n' < "$cp_file" | grep -v '/io/convoy/' | paste -sd:)
rm -f "$cp_file"
cp="torch/target/test-classes:torch/target/classes:model/target/classes:conf/target/classes:$deps"
for set in $(seq "${SETS:-2}"); do
  for t in ${THREADS:-1 2}; do
    OMP_NUM_THREADS=1 java -Xmx3g @submit/jvm.options -cp "$cp" io.convoy.torch.StepBenchmark \
      threads="$t" rounds="${ROUNDS:-5}" steps="${STEPS:-4}" "$@" 2>&1 | grep -v -E 'WARN|SLF4J'
  done
done
