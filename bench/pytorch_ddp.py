#!/usr/bin/env python3
"""PyTorch's side of `bench/vs-pytorch-ddp.sh`: DistributedDataParallel (gloo, one process per
worker, one thread each) training one of convoy's zoo networks, rebuilt unit for unit by
torch_nets.py (same shapes and parameter counts as `convoy model summary`), on the same class
folders as convoy.

Same recipe as convoy's defaults: Nesterov SGD (momentum 0.9, weight decay 5e-4, lr 0.01 on the
workers' averaged gradient), batch B per worker, each rank its own shard of the
training images in a fresh order every epoch. Images are decoded once before timing (PIL), so the
figures leave out decoding, which convoy does in its first epoch: an upper bound for PyTorch.

Prints one JSON object: images/s of every epoch (all ranks' images over rank 0's training
seconds of that epoch), the steady figure (median of the epochs after the first), the whole-run
figure (every image trained over the sum of the epochs' seconds, the first epoch's warm-up
included) and the wall seconds of this process from start to end (interpreter, imports, decoding,
process start, gloo set-up, training).

Usage: pytorch_ddp.py DATA_DIR ARCH EPOCHS [WORKERS=2] [BATCH=64]
"""
import json
import os
import statistics
import sys
import time

START = time.perf_counter()

import torch  # noqa: E402
import torch.distributed as dist  # noqa: E402
import torch.multiprocessing as mp  # noqa: E402
import torch.nn as nn  # noqa: E402

from pytorch_lenet import load  # noqa: E402  (the same decoding and normalization)
from torch_nets import build  # noqa: E402


def train(rank, world, arch, data, epochs, batch, results):
    torch.set_num_threads(1)
    torch.manual_seed(7)
    x, y, classes = data
    model = build(arch, (x.shape[2], x.shape[3], x.shape[1]), classes)
    os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
    os.environ.setdefault("MASTER_PORT", "29519")
    dist.init_process_group("gloo", rank=rank, world_size=world)
    model = nn.parallel.DistributedDataParallel(model)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, nesterov=True,
                          weight_decay=5e-4)
    shard = torch.arange(rank, len(x), world)
    g = torch.Generator().manual_seed(11 + rank)
    per_epoch, seconds, images = [], [], 0
    for _ in range(epochs):
        order = shard[torch.randperm(len(shard), generator=g)]
        # Every rank takes the same number of steps, as convoy's shards do (DDP would hang otherwise).
        steps = len(shard) // batch
        start = time.perf_counter()
        for s in range(steps):
            idx = order[s * batch:(s + 1) * batch]
            opt.zero_grad()
            model(x[idx], y[idx]).backward()
            opt.step()
        took = time.perf_counter() - start
        seconds.append(took)
        per_epoch.append(steps * batch * world / took)
        images += steps * batch * world
    if rank == 0:
        results.put({"per_epoch": per_epoch, "seconds": seconds, "images": images})
    dist.destroy_process_group()


def main():
    folder, arch, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    workers = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    batch = int(sys.argv[5]) if len(sys.argv) > 5 else 64
    data = load(os.path.join(folder, "train"))
    ctx = mp.get_context("spawn")
    results = ctx.Queue()
    procs = [ctx.Process(target=train, args=(r, workers, arch, data, epochs, batch, results)) for r in range(workers)]
    for p in procs:
        p.start()
    r = results.get()
    for p in procs:
        p.join()
    steady = statistics.median(r["per_epoch"][1:]) if epochs > 1 else r["per_epoch"][0]
    print(json.dumps({"engine": "pytorch DDP %d x 1 thread" % workers, "arch": arch, "epochs": epochs,
                      "per_epoch": [round(v, 2) for v in r["per_epoch"]], "steady": steady,
                      "whole_run": r["images"] / sum(r["seconds"]),
                      "wall_seconds": time.perf_counter() - START}), flush=True)


if __name__ == "__main__":
    main()
