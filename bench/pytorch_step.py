#!/usr/bin/env python3
"""PyTorch twin of `convoy bench step`: one training step (forward, backward, optimizer update) of
the same networks, with the same layer shapes and parameter counts as convoy's model zoo, timed the
same way, and the same JSON line.

The networks are built here layer by layer as convoy builds them (model/src/main/java/io/convoy/
model/ResNet.java, GraphBlocks.java, StackBlocks.java, Vgg.java, AlexNet.java, LeNet.java), not
taken from torchvision, and as graphs of the same units DL4J times: a conv without batch norm
carries its ReLU, a dense layer its input's flattening, dropout and ReLU, and "output" is the
classifier with its cross-entropy loss. So the per-type tables of both tools line up.

Timing: random inputs drawn once, warm-up steps, then rounds of steps (median, min, max); then
one step driven one unit at a time (each unit's input detached, so its backward is timed alone)
for the per-type table. Optimizer: SGD with Nesterov momentum 0.9, lr 0.01, weight decay 5e-4
(convoy's default recipe). Threads: torch.set_num_threads(T).

Needs Debian's python3-torch: run with /usr/bin/python3. Debian links torch to the reference
BLAS (a few GFLOP/s), which makes dense layers very slow; bench/vs-pytorch-step.sh preloads the
OpenBLAS that ND4J ships (the BLAS convoy's dense layers use) unless BLAS=system.

Usage: pytorch_step.py --arch resnet20 [--input 32x32x3] [--batch 64] [--threads 1] [--rounds 5]
       [--steps 0] [--json] [--per-layer] [--convoy submit/convoy]
       pytorch_step.py --check-params [--convoy submit/convoy]   (every arch of the issue's list)
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import torch

from torch_nets import DEFAULTS, OTHERWISE, build, default_classes

KINDS = ["conv", "batchnorm", "activation", "pooling", "lrn", "dense", "add/merge", "output", "update", "other"]
AUTO_ROUND_SECONDS = 1.0


def parse_input(text):
    try:
        h, w, c = (int(v) for v in text.split("x"))
        if min(h, w, c) < 1:
            raise ValueError
        return h, w, c
    except ValueError:
        sys.exit(f"pytorch_step: --input {text}: expected HxWxC with positive whole numbers, e.g. 224x224x3")


def convoy_summary(convoy, arch, classes, shape):
    """convoy's own parameter and FLOP counts (`convoy model summary --json`), or None without convoy."""
    if not convoy:
        return None
    out = subprocess.run([convoy, "model", "summary", "--arch", arch, "--classes", str(classes), "--input",
                          "x".join(map(str, shape)), "--json"], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def check_counts(net, arch, classes, shape, convoy):
    """Parameters and forward FLOPs per image here, asserted equal to convoy's."""
    params = sum(p.numel() for p in net.parameters())
    flops = net.flops(shape)
    theirs = convoy_summary(convoy, arch, classes, shape)
    if theirs is not None:
        assert params == theirs["params"], f"{arch}: PyTorch has {params:,} parameters, convoy {theirs['params']:,}"
        assert flops == theirs["flops"], f"{arch}: PyTorch has {flops:,} FLOPs per image, convoy {theirs['flops']:,}"
    return params, flops, theirs


def layer_pass(net, x, y, opt):
    """One step driven unit by unit: forward times, backward times (in unit order), update time (s)."""
    nodes = net.nodes
    values = {"input": x}
    inputs, outputs = [], []
    forward = [0.0] * len(nodes)
    backward = [0.0] * len(nodes)
    opt.zero_grad(set_to_none=True)
    for i, node in enumerate(nodes):
        # Each unit's own leaves, so that its backward below runs alone; the network input needs no gradient.
        args = [values[n] if n == "input" else values[n].detach().requires_grad_() for n in node.inputs]
        start = time.perf_counter()
        out = node.run(args, y)
        forward[i] = time.perf_counter() - start
        inputs.append(args)
        outputs.append(out)
        values[node.name] = out
    grads = {}
    for i in range(len(nodes) - 1, -1, -1):
        node = nodes[i]
        start = time.perf_counter()
        if node.kind == "output":
            outputs[i].backward()
        else:
            outputs[i].backward(grads.pop(node.name))
        for name, a in zip(node.inputs, inputs[i]):
            if name != "input":
                grads[name] = a.grad if name not in grads else grads[name] + a.grad
        # Free this unit's activations and gradients now, as autograd does in a whole step: kept, they
        # would make every later allocation fresh memory, and page faults would be timed as compute.
        inputs[i] = outputs[i] = None
        values.pop(node.name, None)
        backward[i] = time.perf_counter() - start
    start = time.perf_counter()
    opt.step()
    update = time.perf_counter() - start
    return forward, backward, update


def measure(args, shape, classes):
    torch.manual_seed(args.seed)
    net = build(args.arch, shape, classes)
    params, flops, _ = check_counts(net, args.arch, classes, shape, args.convoy)
    net.train()
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9, nesterov=True, weight_decay=5e-4)
    h, w, c = shape
    x = torch.randn(args.batch, c, h, w)
    y = torch.randint(0, classes, (args.batch,))

    def step():
        opt.zero_grad(set_to_none=True)
        net(x, y).backward()
        opt.step()

    warm = 0.0
    for _ in range(max(1, args.warmup)):
        start = time.perf_counter()
        step()
        warm = time.perf_counter() - start
    steps = args.steps if args.steps > 0 else max(1, min(1000, round(AUTO_ROUND_SECONDS / warm)))
    round_ms = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        round_ms.append((time.perf_counter() - start) * 1000 / steps)

    per_layer = []
    update_ms = 0.0
    if args.layer_rounds > 0:
        fwd = [[] for _ in net.nodes]
        bwd = [[] for _ in net.nodes]
        upd = []
        for _ in range(args.layer_rounds):
            f, b, u = layer_pass(net, x, y, opt)
            for i in range(len(net.nodes)):
                fwd[i].append(f[i] * 1000)
                bwd[i].append(b[i] * 1000)
            upd.append(u * 1000)
        per_layer = [(n.name, n.kind, statistics.median(fwd[i]), statistics.median(bwd[i]))
                     for i, n in enumerate(net.nodes)]
        update_ms = statistics.median(upd)
    return report(args, shape, classes, params, flops, steps, round_ms, per_layer, update_ms)


def report(args, shape, classes, params, flops, steps, round_ms, per_layer, update_ms):
    median = statistics.median(round_ms)
    r = {"framework": "pytorch", "arch": args.arch, "input": "x".join(map(str, shape)), "classes": classes,
         "batch": args.batch, "threads": args.threads, "params": params,
         "images_per_sec": args.batch * 1000.0 / median, "ms_per_step": median,
         "ms_per_step_min": min(round_ms), "ms_per_step_max": max(round_ms), "rounds": len(round_ms),
         "steps_per_round": steps, "round_ms": round_ms, "flops_per_image": flops,
         "gflops": 3.0 * flops * args.batch / (median / 1000.0) / 1e9}
    if per_layer:
        types = {}
        for _, kind, f, b in per_layer:
            t = types.setdefault(kind, {"count": 0, "forward_ms": 0.0, "backward_ms": 0.0})
            t["count"] += 1
            t["forward_ms"] += f
            t["backward_ms"] += b
        types["update"] = {"count": 1, "forward_ms": 0.0, "backward_ms": update_ms}
        ordered = {}
        for kind in KINDS:
            if kind in types:
                t = types[kind]
                t["total_ms"] = t["forward_ms"] + t["backward_ms"]
                ordered[kind] = t
        r["layer_sum_ms"] = sum(t["total_ms"] for t in ordered.values())
        r["types"] = ordered
        if args.per_layer:
            r["layers"] = [{"name": n, "type": k, "forward_ms": f, "backward_ms": b} for n, k, f, b in per_layer]
    return r


def print_text(r):
    print(f"pytorch_step: {r['arch']}, input {r['input']}, {r['classes']} classes, batch {r['batch']}, "
          f"{r['threads']} thread(s), torch {torch.__version__}")
    print(f"parameters {r['params']:,}; forward {r['flops_per_image'] / 1e9:.3f} GFLOPs per image (training ~3x)")
    print(f"{r['images_per_sec']:.1f} images/s, {r['ms_per_step']:.2f} ms per step (median of {r['rounds']} rounds "
          f"of {r['steps_per_round']} steps; min {r['ms_per_step_min']:.2f}, max {r['ms_per_step_max']:.2f}), "
          f"{r['gflops']:.1f} GFLOP/s")
    if "types" not in r:
        return
    total = r["layer_sum_ms"]
    print("\nby layer type (one step driven unit by unit):")
    print(f"{'type':<12} {'count':>6} {'forward ms':>12} {'backward ms':>12} {'total ms':>12} {'share':>7}")
    for kind, t in r["types"].items():
        f = "-" if kind == "update" else f"{t['forward_ms']:.2f}"
        b = "-" if kind == "update" else f"{t['backward_ms']:.2f}"
        print(f"{kind:<12} {t['count']:>6} {f:>12} {b:>12} {t['total_ms']:>12.2f} {100 * t['total_ms'] / total:>6.1f}%")
    print(f"sum {total:.2f} ms = {total / r['ms_per_step']:.2f}x the whole step's median ({r['ms_per_step']:.2f} ms)")
    for layer in r.get("layers", []):
        print(f"{layer['name']:<24} {layer['type']:<10} {layer['forward_ms']:>12.3f} {layer['backward_ms']:>12.3f}")


def check_params(convoy):
    """Every arch of the issue's list at its default input: parameters and FLOPs against convoy's."""
    print(f"{'arch':<10} {'input':<10} {'classes':>7} {'PyTorch params':>15} {'convoy params':>15} "
          f"{'PyTorch FLOPs':>15} {'convoy FLOPs':>15}")
    for arch, (input_text, _) in DEFAULTS.items():
        shape = parse_input(input_text)
        classes = default_classes(shape)
        params, flops, theirs = check_counts(build(arch, shape, classes), arch, classes, shape, convoy)
        print(f"{arch:<10} {input_text:<10} {classes:>7} {params:>15,} {theirs['params']:>15,} "
              f"{flops:>15,} {theirs['flops']:>15,}")
    print("all equal")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--arch")
    p.add_argument("--input")
    p.add_argument("--batch", type=int)
    p.add_argument("--classes", type=int)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--steps", type=int, default=0)
    p.add_argument("--layer-rounds", type=int, default=1)
    p.add_argument("--per-layer", action="store_true")
    p.add_argument("--json", action="store_true")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--convoy", default=os.environ.get("CONVOY"),
                   help="the convoy launcher, to check parameter and FLOP counts against (default: $CONVOY)")
    p.add_argument("--check-params", action="store_true")
    args = p.parse_args()
    if args.check_params:
        check_params(args.convoy or "submit/convoy")
        return
    if not args.arch:
        p.error("--arch is required")
    default_input, default_batch = DEFAULTS.get(args.arch, OTHERWISE)
    shape = parse_input(args.input or default_input)
    args.batch = args.batch if args.batch is not None else default_batch
    for name, value, low in (("--batch", args.batch, 1), ("--threads", args.threads, 1), ("--rounds", args.rounds, 1),
                             ("--warmup", args.warmup, 0), ("--steps", args.steps, 0),
                             ("--layer-rounds", args.layer_rounds, 0)):
        if value < low:
            sys.exit(f"pytorch_step: {name} {value}: expected at least {low}")
    classes = args.classes if args.classes is not None else default_classes(shape)
    torch.set_num_threads(args.threads)
    r = measure(args, shape, classes)
    if args.json:
        print(json.dumps(r), flush=True)
    else:
        print_text(r)


if __name__ == "__main__":
    main()
