#!/usr/bin/env bash
# One replica's training step, convoy (`convoy bench step`) against PyTorch (bench/pytorch_step.py)
# on the same networks, inputs, batch, optimizer and threads, side by side: for every (arch, input,
# batch) and thread count, SETS sets of rounds alternate convoy, PyTorch, convoy, PyTorch ... so
# that the machine's noise hits both; medians over all rounds of all sets. Prints one table (images/s
# with the range over rounds, the ratio, each one's share of the machine's peak FLOP/s), then for
# each row the per-layer-type times of both (from the last set).
#
# Peak FLOP/s: the shares are of the nominal peak, threads x clock x fp32 FLOPs per cycle from the
# CPU flags (64 with AVX-512, 32 with AVX2+FMA: two FMA units assumed). An fp32 matrix product
# (torch.mm, 2048x2048, OpenBLAS) is measured per thread count too and printed beside it: on a
# loaded machine, or with a BLAS that has no kernel for the CPU, it stays well below the nominal
# peak, so it is a sanity check rather than the denominator.
#
# Debian's torch calls the reference BLAS (a few GFLOP/s), which makes PyTorch's dense layers very
# slow; with BLAS=openblas (the default) PyTorch runs with the OpenBLAS that ND4J ships (from
# ~/.m2, the library convoy's dense layers use) preloaded. BLAS=system keeps Debian's.
#
# Usage, from anywhere: bench/vs-pytorch-step.sh [ARCH:HxWxC:BATCH ...]
#   default: resnet20:32x32x3:64 resnet18:224x224x3:32 resnet50:224x224x3:16 vgg16:224x224x3:16
#            alexnet:224x224x3:32 lenet:28x28x1:64
# Environment: BACKENDS (convoy's model.backend values to time, "auto" by default: what convoy train
# picks, rows named by the backend it resolved to; "dl4j libtorch" times both, alternating with
# PyTorch in every set; the per-layer tables come with dl4j only), THREADS ("1 2"), SETS (2), ROUNDS per set (3), WARMUP steps (1), STEPS per round
# (0: about 1 s per round), OUT (/tmp/convoy-vs-pytorch-step), BLAS (openblas|system),
# PYTHON (/usr/bin/python3, where Debian's python3-torch is installed), APPEND=1 (add to OUT's
# results instead of starting over: runs in parts), TABLE_ONLY=1 (print the table of OUT's results).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
PY=${PYTHON:-/usr/bin/python3}
THREADS=${THREADS:-"1 2"}
SETS=${SETS:-2}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-1}
STEPS=${STEPS:-0}
OUT=${OUT:-/tmp/convoy-vs-pytorch-step}
BLAS=${BLAS:-openblas}
BACKENDS=${BACKENDS:-auto}
CONFIGS=("$@")
if [[ ${#CONFIGS[@]} -eq 0 ]]; then
  CONFIGS=(resnet20:32x32x3:64 resnet18:224x224x3:32 resnet50:224x224x3:16 vgg16:224x224x3:16
    alexnet:224x224x3:32 lenet:28x28x1:64)
fi
mkdir -p "$OUT"
if [[ -z "${APPEND:-}" && -z "${TABLE_ONLY:-}" ]]; then
  : > "$OUT/convoy.jsonl"
  : > "$OUT/pytorch.jsonl"
  : > "$OUT/machine.txt"
  rm -f "$OUT/peak.json"
fi

torch_env=()
if [[ "$BLAS" == openblas ]]; then
  jar=$(ls "$HOME"/.m2/repository/org/bytedeco/openblas/*/openblas-*-linux-x86_64.jar 2>/dev/null | tail -1 || true)
  if [[ -z "$jar" ]]; then
    echo "vs-pytorch-step: no OpenBLAS jar in ~/.m2 (build convoy first), or set BLAS=system" >&2
    exit 2
  fi
  lib="$OUT/openblas"
  mkdir -p "$lib"
  unzip -o -q -j "$jar" 'org/bytedeco/openblas/linux-x86_64/*.so*' -d "$lib"
  # with the OpenBLAS settings convoy's launcher gives it (workers that sleep at once: native-env.sh)
  torch_env=(LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" LD_PRELOAD="$lib/libopenblas.so.0"
    OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}")
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
cores=$(nproc)
mhz=$(lscpu | awk -F: '/CPU max MHz/ {gsub(/ /, "", $2); print $2}')
mhz=${mhz:-$(grep -m1 'cpu MHz' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')}
if grep -qw avx512f /proc/cpuinfo; then per_cycle=64 isa=AVX-512
elif grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo; then per_cycle=32 isa="AVX2+FMA"
else per_cycle=8 isa=SSE; fi
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $cpu, $cores cores, ${mhz} MHz, $isa ($per_cycle fp32 FLOPs/cycle/core nominal, 2 FMA units assumed)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "pytorch BLAS: $BLAS"
} | if [[ -n "${TABLE_ONLY:-}" ]]; then cat > /dev/null; else tee -a "$OUT/machine.txt"; fi

measure() {
peak_json="$OUT/peak.json"
env "${torch_env[@]}" "$PY" - "$THREADS" "$peak_json" <<'PYEOF'
import json, os, sys, time, torch
def rate(f, flops):
    f(); f()
    best, start = 0.0, time.perf_counter()
    while time.perf_counter() - start < 1.5:
        t = time.perf_counter(); f(); best = max(best, flops / (time.perf_counter() - t))
    return best / 1e9
path = sys.argv[2]
peaks = json.load(open(path)) if os.path.exists(path) else {}  # runs in parts keep earlier thread counts
for t in sys.argv[1].split():
    torch.set_num_threads(int(t))
    n = 2048
    a, b = torch.randn(n, n), torch.randn(n, n)
    peaks[t] = {"sgemm_gflops": rate(lambda: torch.mm(a, b), 2 * n ** 3)}
json.dump(peaks, open(path, "w"))
PYEOF

for config in "${CONFIGS[@]}"; do
  IFS=: read -r arch input batch <<< "$config"
  for t in $THREADS; do
    for set in $(seq 1 "$SETS"); do
      # Per-layer times once, in the last set: they cost about one more step.
      layers=0
      [[ $set -eq $SETS ]] && layers=1
      common=(--arch "$arch" --input "$input" --batch "$batch" --threads "$t" --rounds "$ROUNDS" --warmup "$WARMUP"
        --steps "$STEPS" --layer-rounds "$layers" --json)
      echo "== $arch $input batch $batch, $t thread(s), set $set/$SETS" >&2
      for backend in $BACKENDS; do
        OMP_NUM_THREADS=$t "$ROOT/submit/convoy" bench step "${common[@]}" --backend "$backend" | tail -n 1 \
          >> "$OUT/convoy.jsonl"
      done
      env "${torch_env[@]}" OMP_NUM_THREADS="$t" "$PY" "$HERE/pytorch_step.py" "${common[@]}" | tail -n 1 \
        >> "$OUT/pytorch.jsonl"
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
}
[[ -n "${TABLE_ONLY:-}" ]] || measure

"$PY" - "$OUT" "$cores" "$mhz" "$per_cycle" <<'PYEOF' | tee "$OUT/table.md"
import json, statistics, sys
out, cores, mhz, per_cycle = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
peaks = json.load(open(f"{out}/peak.json"))
runs = {}
for framework in ("convoy", "pytorch"):
    for line in open(f"{out}/{framework}.jsonl"):
        if line.strip():
            r = json.loads(line)
            # convoy's rows by backend (lines from before --backend existed are dl4j's)
            name = "convoy " + r.get("backend", "dl4j") if framework == "convoy" else framework
            runs.setdefault((r["arch"], r["input"], r["batch"], r["threads"]), {}).setdefault(name, []).append(r)

def pooled(rs):
    """images/s at the median over every round of every set, and at the slowest and fastest round."""
    ms = [m for r in rs for m in r["round_ms"]]
    b = rs[0]["batch"]
    med = statistics.median(ms)
    return b * 1000 / med, b * 1000 / max(ms), b * 1000 / min(ms), 3 * rs[0]["flops_per_image"] * b / med / 1e6

core_peak = mhz / 1000 * per_cycle
print(f"nominal fp32 peak: {mhz / 1000:.2f} GHz x {per_cycle} FLOPs/cycle = {core_peak:.0f} GFLOP/s per thread; "
      "measured sgemm (torch.mm 2048, OpenBLAS): "
      + ", ".join(f"{t} thread(s) {p['sgemm_gflops']:.0f} GFLOP/s" for t, p in sorted(peaks.items())))
print()
print("| arch | input | batch | threads | backend | convoy img/s (range) | PyTorch img/s (range) "
      "| convoy / PyTorch | convoy % of peak | PyTorch % of peak |")
print("| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
for (arch, inp, batch, t), fw in runs.items():
    if "pytorch" not in fw:
        continue
    p = pooled(fw["pytorch"])
    for name in sorted(k for k in fw if k.startswith("convoy ")):
        c = pooled(fw[name])
        peak = core_peak * t
        f = lambda v: f"{v:,.2f}" if v < 10 else f"{v:,.1f}"
        print(f"| {arch} | {inp} | {batch} | {t} | {name[len('convoy '):]} | {f(c[0])} ({f(c[1])}-{f(c[2])}) "
              f"| {f(p[0])} ({f(p[1])}-{f(p[2])}) | {c[0] / p[0]:.2f}x | {100 * c[3] / peak:.1f}% "
              f"| {100 * p[3] / peak:.1f}% |")
print()
for (arch, inp, batch, t), fw in runs.items():
    last = {k: [r for r in v if "types" in r] for k, v in fw.items()}
    if not last.get("convoy dl4j") or not last.get("pytorch"):
        continue
    c, p = last["convoy dl4j"][-1], last["pytorch"][-1]
    print(f"{arch} {inp} batch {batch}, {t} thread(s): ms per step by layer type (one step driven layer by layer; "
          f"sum / whole step: convoy {c['layer_sum_ms'] / c['ms_per_step']:.2f}, "
          f"PyTorch {p['layer_sum_ms'] / p['ms_per_step']:.2f})")
    print("| type | convoy fwd | convoy bwd | PyTorch fwd | PyTorch bwd | convoy / PyTorch |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    kinds = ["conv", "batchnorm", "activation", "pooling", "lrn", "dense", "add/merge", "output", "update", "other"]
    for kind in [k for k in kinds if k in c["types"] or k in p["types"]]:
        a, b = c["types"].get(kind, {}), p["types"].get(kind, {})
        ratio = a.get("total_ms", 0) / b["total_ms"] if b.get("total_ms") else float("nan")
        print(f"| {kind} | {a.get('forward_ms', 0):.1f} | {a.get('backward_ms', 0):.1f} | {b.get('forward_ms', 0):.1f} "
              f"| {b.get('backward_ms', 0):.1f} | {ratio:.2f}x |")
    print()
PYEOF
