#!/usr/bin/env python3
"""torchvision's images/s on one thread for decode + RandomResizedCrop(224) + horizontal flip
+ ColorJitter(0.4, 0.4, 0.4) + ToTensor + Normalize, from JPEG bytes in memory (as convoy's
benchmark does): wall-clock images/s and images per CPU second of the process. Usage: torchvision_bench.py DIR [SECONDS=3] [RUNS=5]; prints one JSON line."""
import io
import json
import os
import statistics
import sys
import time

import PIL
import torch
import torchvision
from PIL import Image
from torchvision import transforms


def main():
    folder = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 3
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    torch.set_num_threads(1)
    paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs if f.lower().endswith(".jpg"))
    data = [open(p, "rb").read() for p in paths]
    tf = transforms.Compose([
        transforms.RandomResizedCrop(224),
        transforms.RandomHorizontalFlip(),
        transforms.ColorJitter(0.4, 0.4, 0.4),
        transforms.ToTensor(),
        transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ])

    def once(duration):
        n = 0
        start = time.perf_counter()
        cpu = time.process_time()
        while True:
            img = Image.open(io.BytesIO(data[n % len(data)])).convert("RGB")
            tf(img)
            n += 1
            if time.perf_counter() - start >= duration:
                return n / (time.perf_counter() - start), n / (time.process_time() - cpu)

    once(seconds / 2)
    results = [once(seconds) for _ in range(runs)]
    rates = [r for r, _ in results]
    cpu_rates = [c for _, c in results]
    print(json.dumps({"benchmark": "torchvision", "torch": torch.__version__, "torchvision": torchvision.__version__,
                      "pillow": PIL.__version__, "images": len(data), "threads": 1,
                      "run_images_per_sec": rates, "images_per_sec": statistics.median(rates),
                      "images_per_cpu_sec": statistics.median(cpu_rates)}))


if __name__ == "__main__":
    main()
