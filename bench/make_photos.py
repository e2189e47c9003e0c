#!/usr/bin/env python3
"""Writes N photo-like JPEGs (multi-scale smooth noise: large shapes, mid texture, fine grain)
of about WxH pixels, JPEG quality 90, into DIR/<class>/<i>.jpg. Usage:
    make_photos.py DIR [N=200] [W=500] [H=500]"""
import os
import sys

import numpy as np
from PIL import Image


def photo(rng, w, h):
    img = np.zeros((h, w, 3), np.float32)
    for cells, amp in ((3, 90), (9, 45), (30, 30), (120, 25)):
        small = rng.random((cells, cells, 3)).astype(np.float32)
        layer = np.asarray(Image.fromarray((small * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC),
                           np.float32) / 255
        img += amp * (layer - 0.5)
    img += rng.normal(0, 7, (h, w, 3))
    img += rng.uniform(60, 190, 3)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    w = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    h = int(sys.argv[4]) if len(sys.argv) > 4 else 500
    rng = np.random.default_rng(0)
    for i in range(n):
        d = os.path.join(out, "c%d" % (i % 4))
        os.makedirs(d, exist_ok=True)
        photo(rng, w, h).save(os.path.join(d, "%04d.jpg" % i), quality=90)


if __name__ == "__main__":
    main()
