#!/bin/sh
# Side by side, one thread each: convoy's pipeline and torchvision's on the same ~500x500
# JPEGs (decode + RandomResizedCrop(224) + flip + ColorJitter(0.4, 0.4, 0.4) + normalize).
# Needs Debian's python3-torchvision and a built reactor (mvn -B -q -o test-compile ...).
# Usage (from the repository root): pipeline/bench/compare.sh [DIR=/tmp/convoy-photos] [SECONDS=3] [RUNS=5]
set -e
DIR=${1:-/tmp/convoy-photos}
SECONDS_PER_RUN=${2:-3}
RUNS=${3:-5}
PY=${PYTHON:-/usr/bin/python3}  # Debian's python, where python3-torchvision installs
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
[ -d "$DIR" ] || "$PY" "$HERE/make_photos.py" "$DIR" 200 500 500
cd "$ROOT"
mvn -B -q -o dependency:build-classpath -pl driver -am -Dmdep.outputFile=/tmp/convoy-bench.cp >/dev/null
CP="driver/target/classes:worker/target/classes:pipeline/target/classes:model/target/classes:conf/target/classes:$(cat /tmp/convoy-bench.cp)"
OPS='[{op = random-resized-crop}, mirror, {op = color-jitter, brightness = 0.4, contrast = 0.4, saturation = 0.4}, {op = normalize, mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225]}]'
echo "convoy (same ops as torchvision):"
java -Xmx2g @submit/jvm.options -cp "$CP" io.convoy.driver.ConvoyMain bench pipeline --data "$DIR" --threads 1 \
  --seconds "$SECONDS_PER_RUN" --runs "$RUNS" --json --set data.image-size=224 --set "pipeline.train=$OPS" 2>/dev/null
echo "convoy (imagenet-train preset, with lighting):"
java -Xmx2g @submit/jvm.options -cp "$CP" io.convoy.driver.ConvoyMain bench pipeline --data "$DIR" --threads 1 \
  --seconds "$SECONDS_PER_RUN" --runs "$RUNS" --json --set data.image-size=224 --set pipeline.train=imagenet-train 2>/dev/null
echo "torchvision:"
OMP_NUM_THREADS=1 "$PY" "$HERE/torchvision_bench.py" "$DIR" "$SECONDS_PER_RUN" "$RUNS"
