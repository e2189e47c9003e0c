#!/usr/bin/env python3
"""convoy's cost model of one averaging round (docs/scaling.md): prints the projection tables.

Usage: python3 docs/scaling_model.py   (no dependencies). Every constant below is either
measured on this project's machine (see docs/scaling.md) or an assumption stated there.
"""
import math

# name: (parameters, forward FLOPs per example, training examples per epoch)
MODELS = {
    "LeNet": (431_080, 4_586_000, 60_000),              # MNIST
    "ResNet-50": (25_557_032, 8_178_368_512, 1_281_167),  # ImageNet-1k
    "VGG-16": (138_357_544, 30_940_528_640, 1_281_167),
}
BATCH = 64                 # examples per worker per step
TRAIN_FLOPS = 3            # forward + backward ~ 3 x forward
# Sustained training FLOP/s of one worker: LeNet on one CPU core as measured here (68 ms per
# 64-image step); ResNet-50 and VGG-16 on one GPU-class accelerator at 8 TFLOP/s (about half of
# a V100's fp32 peak: ~330 ResNet-50 images/s).
WORKER_FLOPS = {"LeNet": 0.88e9 / 0.068, "ResNet-50": 8e12, "VGG-16": 8e12}
WORKERS = [8, 64, 256]
LINKS_GBIT = [10, 25]
LINK_EFFICIENCY = 0.9      # TCP goodput / line rate
ALPHA = 50e-6              # latency of one ring step on a LAN (kernel TCP + selector loop)
JOB_LATENCY = 0.030        # a Spark job of trivial tasks, measured in local[2]
TASK_LAUNCH = 0.0005       # driver time per task (serialize, launch, result), assumption
BARRIER_EPOCH = 1.0        # barrier stage launch, allGather, ring join, result shuffle: measured 0.85-1.4 s


def step_seconds(model):
    _, flops, _ = MODELS[model]
    return TRAIN_FLOPS * flops * BATCH / WORKER_FLOPS[model]


def jobs_round(m_bytes, n, bw):
    """Broadcast out (torrent: ~log2 N hops of M), treeAggregate depth 2 back (~2 sqrt(N) M)."""
    broadcast = m_bytes / bw * max(1.0, math.log2(n))
    aggregate = 2 * math.sqrt(n) * m_bytes / bw + JOB_LATENCY / 2
    return JOB_LATENCY + TASK_LAUNCH * n + broadcast + aggregate


def allreduce_round(m_bytes, n, bw):
    return 2 * (n - 1) * ALPHA + 2 * (n - 1) / n * m_bytes / bw


def main():
    print("| model | params | step (64/worker) | link | N | jobs k=1 sync | jobs k=1 eff. | jobs k=8 eff. "
          "| allreduce sync | allreduce eff. (k=1) | driver MB/round (jobs) | MB/worker/round (allreduce) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for model, (params, _, examples) in MODELS.items():
        m = 4 * params
        t = step_seconds(model)
        for gbit in LINKS_GBIT:
            bw = gbit * 1e9 / 8 * LINK_EFFICIENCY
            for n in WORKERS:
                rounds_per_epoch = max(1, examples // (n * BATCH))
                tj = jobs_round(m, n, bw)
                ta = allreduce_round(m, n, bw) + BARRIER_EPOCH / rounds_per_epoch
                print(f"| {model} | {params/1e6:.2f} M | {t*1e3:.0f} ms | {gbit} Gb/s | {n} | {tj*1e3:.0f} ms "
                      f"| {t/(t+tj):.0%} | {8*t/(8*t+tj):.0%} | {ta*1e3:.1f} ms | {t/(t+ta):.0%} "
                      f"| {m*(1+math.sqrt(n))/1e6:.0f} | {2*(n-1)/n*m/1e6:.1f} |")


if __name__ == "__main__":
    main()
