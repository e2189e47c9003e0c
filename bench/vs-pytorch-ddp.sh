#!/usr/bin/env bash
# convoy train against PyTorch DDP end to end, on the same generated class folders, gradients
# averaged every step by both, 2 workers x 1 thread: `convoy train` (local[2], ring allreduce,
# gradients mode, model.backend from BACKENDS) and bench/pytorch_ddp.py (gloo, one process per
# worker), same network (bench/torch_nets.py rebuilds convoy's zoo), batch, optimizer and epochs,
# alternating run by run. Per run: images/s of every epoch (convoy's from metrics.jsonl), the steady
# figure (median of the epochs after the first), the whole-run figure (all training images over the
# sum of the epochs' training seconds, first epoch included) and the command's wall seconds. At the
# end: medians over the runs with their ranges, and convoy / DDP.
# PyTorch trains on images decoded before its clock starts; convoy decodes them in its first epoch.
# Needs Debian's python3-torch and python3-torchvision (PIL).
# Usage: bench/vs-pytorch-ddp.sh ARCH SIZE [EPOCHS=3] [IMAGES_PER_CLASS=256] [BATCH=64] [RUNS=3]
# Environment: BACKENDS ("libtorch"; e.g. "dl4j libtorch"), CLASSES (8), OUT (/tmp/convoy-vs-ddp).
# Examples: bench/vs-pytorch-ddp.sh resnet20 32 4 512 64 3
#           bench/vs-pytorch-ddp.sh resnet50 224 2 16 16 3
set -euo pipefail
ARCH=${1:?usage: vs-pytorch-ddp.sh ARCH SIZE [EPOCHS] [IMAGES_PER_CLASS] [BATCH] [RUNS]}
SIZE=${2:?usage: vs-pytorch-ddp.sh ARCH SIZE [EPOCHS] [IMAGES_PER_CLASS] [BATCH] [RUNS]}
EPOCHS=${3:-3}
PER_CLASS=${4:-256}
BATCH=${5:-64}
RUNS=${6:-3}
BACKENDS=${BACKENDS:-libtorch}
CLASSES=${CLASSES:-8}
OUT=${OUT:-/tmp/convoy-vs-ddp}
PY=${PYTHON:-/usr/bin/python3}
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE/.."
data="$OUT/data-$SIZE-$CLASSES-$PER_CLASS"
mkdir -p "$OUT"
if [[ ! -d "$data/train" ]]; then
  submit/convoy generate --out "$data" --size "$SIZE" --classes "$CLASSES" --per-class "$PER_CLASS" \
    --val-per-class 4 >&2
fi
results="$OUT/$ARCH-$SIZE.jsonl"
: > "$results"
for run in $(seq 1 "$RUNS"); do
  for backend in $BACKENDS; do
    out="$OUT/convoy-$ARCH-$backend-$run"
    rm -rf "$out"
    start=$(date +%s.%N)
    submit/convoy train --master 'local[2]' --out "$out" --set data.train="$data/train" --set data.val="$data/val" \
      --set data.image-size="$SIZE" --set model.arch="$ARCH" --set model.backend="$backend" \
      --set training.epochs="$EPOCHS" --set training.batch-size="$BATCH" --set training.workers=2 \
      --set training.averaging.mode=gradients --set training.transport=allreduce \
      --set cluster.threads-per-worker=1 --set output.report=false --quiet >&2
    end=$(date +%s.%N)
    "$PY" - "$out/metrics.jsonl" "$backend" "$start" "$end" >> "$results" <<'PYEOF'
import json, statistics, sys
epochs = [e for e in map(json.loads, open(sys.argv[1])) if e.get("event") == "epoch"]
rates = [e["images_per_sec"] for e in epochs]
seconds = [e["train_seconds"] for e in epochs]
print(json.dumps({"engine": "convoy %s, allreduce 2 x 1 thread" % sys.argv[2], "per_epoch": [round(r, 2) for r in rates],
                  "steady": statistics.median(rates[1:]) if len(rates) > 1 else rates[0],
                  "whole_run": sum(r * s for r, s in zip(rates, seconds)) / sum(seconds),
                  "wall_seconds": float(sys.argv[4]) - float(sys.argv[3])}))
PYEOF
    tail -n 1 "$results" >&2
  done
  OMP_NUM_THREADS=1 "$PY" "$HERE/pytorch_ddp.py" "$data" "$ARCH" "$EPOCHS" 2 "$BATCH" | tee -a "$results" >&2
done
"$PY" - "$results" "$ARCH" "$SIZE" "$BATCH" "$EPOCHS" <<'PYEOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
engines = list(dict.fromkeys(r["engine"] for r in rows))
def med(engine, key):
    vals = [r[key] for r in rows if r["engine"] == engine]
    return statistics.median(vals), min(vals), max(vals)
ddp = [e for e in engines if e.startswith("pytorch")][0]
print("\n%s %sx%s, batch %s per worker, %s epochs; medians of %d runs (range)" % (
    sys.argv[2], sys.argv[3], sys.argv[3], sys.argv[4], sys.argv[5], len([r for r in rows if r["engine"] == ddp])))
print("%-40s %24s %24s %8s %8s %10s" % ("engine", "steady images/s", "whole-run images/s", "vs DDP", "", "wall s"))
for e in engines:
    s, w, t = med(e, "steady"), med(e, "whole_run"), med(e, "wall_seconds")
    print("%-40s %8.1f (%6.1f-%6.1f) %8.1f (%6.1f-%6.1f) %7.2fx %7.2fx %10.1f" % (
        e, s[0], s[1], s[2], w[0], w[1], w[2], s[0] / med(ddp, "steady")[0], w[0] / med(ddp, "whole_run")[0], t[0]))
print("(vs DDP: steady, then whole run)")
PYEOF
