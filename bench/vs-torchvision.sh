#!/bin/sh
# Side by side, one thread each: convoy's pipeline and torchvision's on the same ~500x500
# JPEGs (decode + RandomResizedCrop(224) + flip + ColorJitter(0.4, 0.4, 0.4) + normalize),
# alternating ROUNDS times so that load from other processes hits both alike. Each line is
# one JSON result (median of RUNS runs of SECONDS each, after a warm-up).
# Needs Debian's python3-torchvision (apt-get install -y python3-torchvision) and a compiled
# reactor (mvn -B -q -o test -pl bench -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false).
# Usage, from the repository root:
#   bench/vs-torchvision.sh [DIR=/tmp/convoy-photos] [SECONDS=3] [RUNS=3] [ROUNDS=3]
set -e
DIR=${1:-/tmp/convoy-photos}
SECONDS_PER_RUN=${2:-3}
RUNS=${3:-3}
ROUNDS=${4:-3}
PY=${PYTHON:-/usr/bin/python3}  # Debian's python, where python3-torchvision installs
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
[ -d "$DIR" ] || "$PY" "$HERE/make_photos.py" "$DIR" 200 500 500
cd "$ROOT"
mvn -B -q -o dependency:build-classpath -pl bench -am -Dmdep.outputFile=/tmp/convoy-bench.cp >/dev/null
CP="bench/target/classes:driver/target/classes:worker/target/classes:pipeline/target/classes:model/target/classes:conf/target/classes:$(cat /tmp/convoy-bench.cp)"
OPS='[{op = random-resized-crop}, mirror, {op = color-jitter, brightness = 0.4, contrast = 0.4, saturation = 0.4}, {op = normalize, mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225]}]'
convoy() {
  java -Xmx2g @submit/jvm.options -cp "$CP" io.convoy.driver.ConvoyMain bench pipeline --data "$DIR" --threads 1 \
    --seconds "$SECONDS_PER_RUN" --runs "$RUNS" --json --set data.image-size=224 --set "pipeline.train=$1" 2>/dev/null
}
i=0
while [ $i -lt "$ROUNDS" ]; do
  echo "round $i"
  printf 'convoy, same ops as torchvision: '; convoy "$OPS"
  printf 'convoy, imagenet-train preset (with lighting): '; convoy imagenet-train
  printf 'torchvision: '; OMP_NUM_THREADS=1 "$PY" "$HERE/torchvision_bench.py" "$DIR" "$SECONDS_PER_RUN" "$RUNS"
  i=$((i + 1))
done
