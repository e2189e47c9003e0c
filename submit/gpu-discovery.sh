#!/usr/bin/env bash
# Spark GPU discovery script for convoy (spark.executor.resource.gpu.discoveryScript and, for
# standalone workers, spark.worker.resource.gpu.discoveryScript). Prints the GPUs of this host,
# or of this container where YARN or Kubernetes isolate them, as Spark expects:
#   {"name": "gpu", "addresses": ["0", "1"]}
# The addresses are CUDA device indexes, which convoy's GpuBinding hands to ND4J.
set -euo pipefail
if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-discovery: nvidia-smi not found: this host has no NVIDIA driver (or it is not on PATH)" >&2
  exit 1
fi
indexes="$(nvidia-smi --query-gpu=index --format=csv,noheader)"
addresses=""
while read -r index; do
  [[ -z "$index" ]] && continue
  addresses="${addresses:+$addresses, }\"$index\""
done <<< "$indexes"
echo "{\"name\": \"gpu\", \"addresses\": [$addresses]}"
