"""PyTorch's side of `bench/vs-pytorch.sh`: the DL4J-example LeNet that `convoy bench engines`
trains, on the same class folders, trained by PyTorch in one process and by
DistributedDataParallel (gloo, one process per worker, one thread each).

Same model (5x5 convolutions with 20 and 50 maps, linear, 2x2 max pooling, 500 ReLU units,
softmax; Xavier-initialised), same optimizer (Nesterov SGD, momentum 0.9, lr 0.01 per 64 images
times the number of workers, cosine decay to zero by step), batch 64 per worker, same epochs and
normalization ((x / 255 - 0.5) / 0.5). Images are decoded once
before timing, so PyTorch's figures leave out the decoding that convoy does every epoch: they
are an upper bound for PyTorch. Prints one JSON object per variant.

The `ddp-loader` variant is DDP as PyTorch users usually run it: torchvision's ImageFolder,
decoding every epoch in one DataLoader worker process per rank (DistributedSampler), the way
convoy decodes every epoch on its loader threads.

Usage: python3 pytorch_lenet.py DATA_DIR EPOCHS WORKERS [single,ddp,ddp-loader]
(the last argument picks the variants; single and ddp by default)
"""
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image


def load(folder):
    classes = sorted(d for d in os.listdir(folder) if os.path.isdir(os.path.join(folder, d)))
    xs, ys = [], []
    for label, c in enumerate(classes):
        for name in sorted(os.listdir(os.path.join(folder, c))):
            img = Image.open(os.path.join(folder, c, name)).convert("RGB")
            xs.append(np.asarray(img, dtype=np.float32).transpose(2, 0, 1))
            ys.append(label)
    x = (torch.from_numpy(np.stack(xs)) / 255.0 - 0.5) / 0.5
    return x, torch.tensor(ys), len(classes)


class LeNet(nn.Module):
    def __init__(self, channels, size, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, 20, 5)
        self.conv2 = nn.Conv2d(20, 50, 5)
        flat = 50 * (((size - 4) // 2 - 4) // 2) ** 2
        self.fc = nn.Linear(flat, 500)
        self.out = nn.Linear(500, classes)
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.xavier_normal_(m.weight)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        x = F.max_pool2d(self.conv1(x), 2)
        x = F.max_pool2d(self.conv2(x), 2)
        x = F.relu(self.fc(x.flatten(1)))
        return self.out(x)


def loader_batches(folder, rank, world, epoch):
    """(inputs, labels) minibatches of this rank's shard, decoded by a DataLoader worker."""
    import torchvision
    import torchvision.transforms as T
    global _loader
    if _loader is None:
        dataset = torchvision.datasets.ImageFolder(os.path.join(folder, "train"), T.Compose(
            [T.ToTensor(), T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))]))
        sampler = torch.utils.data.distributed.DistributedSampler(dataset, world, rank, shuffle=True, seed=11)
        _loader = torch.utils.data.DataLoader(dataset, batch_size=64, sampler=sampler, num_workers=1,
                                              persistent_workers=True, prefetch_factor=4)
    _loader.sampler.set_epoch(epoch)
    return iter(_loader)


_loader = None


def train(rank, world, data, epochs, results, folder=None):
    torch.set_num_threads(1 if world > 1 else world_threads())
    torch.manual_seed(7)
    x, y, xv, yv, classes = data
    model = LeNet(x.shape[1], x.shape[2], classes)
    if world > 1:
        os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
        os.environ.setdefault("MASTER_PORT", "29517")
        dist.init_process_group("gloo", rank=rank, world_size=world)
        model = nn.parallel.DistributedDataParallel(model)
    opt = torch.optim.SGD(model.parameters(), lr=0.01 * world, momentum=0.9, nesterov=True)
    shard = torch.arange(rank, len(x), world)
    steps_per_epoch = (len(shard) + 63) // 64
    total = steps_per_epoch * epochs
    schedule = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: (1 + math.cos(math.pi * s / total)) / 2)
    g = torch.Generator().manual_seed(11)
    seconds, images = 0.0, 0
    for epoch in range(epochs):
        order = shard[torch.randperm(len(shard), generator=g)]
        start = time.perf_counter()
        if folder is None:
            batches = ((x[order[i:i + 64]], y[order[i:i + 64]]) for i in range(0, len(order), 64))
        else:
            batches = loader_batches(folder, rank, world, epoch)
        for inputs, labels in batches:
            opt.zero_grad()
            F.cross_entropy(model(inputs), labels).backward()
            opt.step()
            schedule.step()
            images += len(labels) * world
        seconds += time.perf_counter() - start
    if rank == 0:
        model.eval()
        with torch.no_grad():
            top1 = (model(xv).argmax(1) == yv).float().mean().item()
        name = ("single process, %d threads" % world_threads() if world == 1 else "DDP %d x 1 thread" % world)
        results.put({"engine": "pytorch " + name + (", ImageFolder + DataLoader" if folder else ""),
                     "images_per_sec": images / seconds, "val_top1": top1, "train_seconds": seconds})
    if world > 1:
        dist.destroy_process_group()


def world_threads():
    return int(os.environ.get("BENCH_THREADS", "2"))


def main():
    folder, epochs, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    variants = sys.argv[4].split(",") if len(sys.argv) > 4 else ["single", "ddp"]
    x, y, classes = load(os.path.join(folder, "train"))
    xv, yv, _ = load(os.path.join(folder, "val"))
    data = (x, y, xv, yv, classes)
    ctx = mp.get_context("spawn")
    for name, world in (("single", 1), ("ddp", workers), ("ddp-loader", workers)):
        if name not in variants:
            continue
        folder_arg = folder if name == "ddp-loader" else None
        results = ctx.Queue()
        if world == 1:
            p = ctx.Process(target=train, args=(0, 1, data, epochs, results))
            p.start()
            procs = [p]
        else:
            procs = [ctx.Process(target=train, args=(r, world, data, epochs, results, folder_arg))
                     for r in range(world)]
            for p in procs:
                p.start()
        result = results.get()
        for p in procs:
            p.join()
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
