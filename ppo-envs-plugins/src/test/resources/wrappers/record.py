"""Records the golden outputs WrappersTest compares with: OpenCV's INTER_AREA resize and
Gymnasium's grayscale formula on two synthetic uint8 images that the Java test rebuilds from the
same formulas. Run with numpy and opencv-python (recorded with OpenCV 5.0.0, numpy 2.4.6):
    python record.py > golden.json
"""
import base64
import json

import cv2
import numpy as np


def image(kind, h, w, c):
    k = np.arange(h * w * c, dtype=np.int64)
    if kind == "hash":
        v = ((k * 2654435761) >> 13) & 255
    else:  # a smooth gradient: many exact halves, which exercise the rounding
        y, x, ch = k // (w * c), (k // c) % w, k % c
        v = (x * 3 + y * 5 + ch * 17) % 256
    return v.astype(np.uint8).reshape((h, w, c) if c > 1 else (h, w))


cases = []
for kind in ("hash", "gradient"):
    for c in (3, 1):
        src = image(kind, 96, 96, c)
        for out in ((48, 48), (24, 24), (32, 32), (64, 64), (84, 84), (10, 10), (64, 48), (96, 96)):
            dst = cv2.resize(src, (out[1], out[0]), interpolation=cv2.INTER_AREA)
            cases.append({"op": "resize", "image": kind, "channels": c, "out": list(out),
                          "data": base64.b64encode(dst.tobytes()).decode()})
    rgb = image(kind, 96, 96, 3)
    gray = np.sum(np.multiply(rgb, np.array([0.2125, 0.7154, 0.0721])), axis=-1).astype(np.uint8)
    cases.append({"op": "grayscale", "image": kind, "channels": 3, "out": [96, 96],
                  "data": base64.b64encode(gray.tobytes()).decode()})
print(json.dumps({"opencv": cv2.__version__, "numpy": np.__version__, "cases": cases}))
