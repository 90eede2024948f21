#!/usr/bin/env python3
"""Runs a policy exported by `bin/ppo export RUN_DIR --format saved-model --out DIR` in the real
Gymnasium env it was trained on, deterministically, and prints the mean return:

    python tools/run_saved_model.py DIR --episodes 10 --seed 1000000 [--json]

The SavedModel takes raw observations (it normalizes them itself) and returns `actions` (int64
indices for a Discrete space; Gaussian means for a Box, clipped here to the bounds that
ppo-export.json lists). Needs tensorflow and gymnasium (gymnasium[box2d] for LunarLander and
BipedalWalker). Pixel envs trained behind wrappers (env.wrappers in ppo-export.json) need the same
wrappers in Python; this script refuses them rather than feed the model the wrong observation.
"""
import argparse
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import gymnasium as gym  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="directory written by bin/ppo export")
    parser.add_argument("--episodes", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0, help="episode k is reset with seed + k")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    with open(os.path.join(args.model, "ppo-export.json")) as f:
        info = json.load(f)
    if info["wrappers"]:
        sys.exit("error: the policy was trained behind env.wrappers %s; apply the same Gymnasium wrappers first"
                 % json.dumps(info["wrappers"]))
    act = tf.saved_model.load(args.model).signatures[info["signature"]]
    space = info["action_space"]
    env = gym.make(info["env"])
    returns, lengths = [], []
    for k in range(args.episodes):
        obs, _ = env.reset(seed=args.seed + k)
        total, steps, done = 0.0, 0, False
        while not done:
            batch = tf.constant(np.asarray(obs, dtype=np.float32).reshape(1, -1))
            action = act(observations=batch)["actions"].numpy()[0]
            if space["type"] == "Box":
                action = np.clip(action, space["low"], space["high"])
            else:
                action = int(action)
            obs, reward, terminated, truncated, _ = env.step(action)
            total += float(reward)
            steps += 1
            done = terminated or truncated
        returns.append(total)
        lengths.append(steps)
    result = {"env": info["env"], "episodes": args.episodes, "mean": float(np.mean(returns)),
              "std": float(np.std(returns)), "returns": returns, "lengths": lengths}
    if args.json:
        print(json.dumps(result))
    else:
        print("%s: %.2f +- %.2f over %d episodes" % (info["env"], result["mean"], result["std"], args.episodes))


if __name__ == "__main__":
    main()
