#!/bin/sh
# convoy against PyTorch on the same job, in one run: `convoy bench engines` (single-process
# DL4J, convoy over both transports, dl4j-spark), then bench/pytorch_lenet.py (PyTorch in one
# process, and DistributedDataParallel with one process per worker) on the same generated
# shapes, LeNet, batch 64 per worker, Nesterov SGD (0.01 per 64 images, scaled by the workers,
# cosine decay), same epochs; one table at the end. PyTorch runs on pre-decoded tensors (its
# upper bound) and, as users usually run it, with ImageFolder + DataLoader decoding every epoch.
# Needs Debian's python3-torch and python3-torchvision (apt-get install -y python3-torchvision).
# Usage, from the repository root: bench/vs-pytorch.sh [OUT=/tmp/convoy-vs-pytorch]
set -e
OUT=${1:-/tmp/convoy-vs-pytorch}
PY=${PYTHON:-/usr/bin/python3}  # Debian's python, where python3-torch installs
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE/.."
mkdir -p "$OUT"
submit/convoy bench engines --out "$OUT" --json | tee "$OUT/convoy.log"
tail -n 1 "$OUT/convoy.log" > "$OUT/convoy.json"
EPOCHS=$(grep -o '[0-9]* epochs' "$OUT/convoy.log" | head -1 | cut -d' ' -f1)
OMP_NUM_THREADS=1 BENCH_THREADS=2 "$PY" "$HERE/pytorch_lenet.py" "$OUT/data" "$EPOCHS" 2 single,ddp,ddp-loader \
  | tee "$OUT/pytorch.jsonl"
"$PY" - "$OUT/convoy.json" "$OUT/pytorch.jsonl" <<'PYEOF'
import json, sys
rows = json.load(open(sys.argv[1])) + [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
single = rows[0]["images_per_sec"]
ddp = [r for r in rows if r["engine"].startswith("pytorch DDP")][0]["images_per_sec"]
print("\n%-34s %10s %10s %10s %10s" % ("engine", "images/s", "vs DL4J", "vs DDP", "val top-1"))
for r in rows:
    print("%-34s %10.0f %9.2fx %9.2fx %10.4f" % (r["engine"], r["images_per_sec"], r["images_per_sec"] / single,
                                                r["images_per_sec"] / ddp, r["val_top1"]))
PYEOF
