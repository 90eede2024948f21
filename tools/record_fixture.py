#!/usr/bin/env python3
"""Records one episode of any Gymnasium environment in the JSON Lines format that
`bin/ppo check-env FILE` replays against a Java port (see ../shared/fixtures/gymnasium/README.md
in a ppo-java workspace, or examples/fixtures/ in the repository):

    header  {"type": "header", "env_id", "kwargs", "seed", "action_rule", "n_steps", "ended_by", "versions", "spaces"}
    reset   {"type": "reset", "t": 0, "obs"}
    step    {"type": "step", "t": k, "action", "obs", "reward", "terminated", "truncated"}

Observations are float32 widened exactly to float64 (Python's shortest repr round-trips, and
`(float) value` in Java gives back the float32); images (uint8 [H, W, C]) are stored as
`obs_channel_mean` plus `obs_sha256`, as the CarRacing recordings are. Actions are drawn
uniformly from the action space with numpy.random.default_rng(1000 + seed), one draw per step.

Usage:
    python tools/record_fixture.py MyEnv-v0 --seed 0 --steps 300 [--kwarg name=value ...] > myenv-v0_seed0.jsonl
    bin/ppo check-env myenv-v0_seed0.jsonl --plugins plugins --json

Needs gymnasium and numpy (and whatever package registers MyEnv-v0: --import mypackage).
Checked here with Gymnasium 1.3.0 and numpy 2.4.6: CartPole-v1 recordings replay bit for bit.
An env whose Python code calls np.sin/np.cos (Pendulum-v1) differs from Java's Math by an ulp
now and then under numpy's SIMD math: record it with numpy 1.24 and
NPY_DISABLE_CPU_FEATURES="AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL" (as the reference
recordings were) or give check-env a tolerance.
"""
import argparse
import hashlib
import importlib
import json
import platform
import sys

import gymnasium as gym
import numpy as np


def parse_kwarg(text):
    name, _, value = text.partition("=")
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value


def check_space(space):
    if not isinstance(space, (gym.spaces.Discrete, gym.spaces.Box)):
        raise SystemExit(f"unsupported space {space}: check-env handles Discrete and Box")
    return repr(space)  # as the reference recordings write it (JSON has no infinity)


def is_image(space):
    return isinstance(space, gym.spaces.Box) and space.dtype == np.uint8 and len(space.shape) == 3


def obs_fields(obs, image):
    if image:
        arr = np.asarray(obs, dtype=np.uint8)
        return {"obs_channel_mean": arr.reshape(-1, arr.shape[-1]).mean(axis=0).astype(np.float64).tolist(),
                "obs_sha256": hashlib.sha256(arr.tobytes()).hexdigest()}
    return {"obs": np.asarray(obs, dtype=np.float32).astype(np.float64).ravel().tolist()}


def draw_action(space, rng):
    if isinstance(space, gym.spaces.Discrete):
        return int(rng.integers(0, space.n))
    return rng.uniform(low=space.low.astype(np.float64), high=space.high.astype(np.float64)).astype(np.float32)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("env_id")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--steps", type=int, default=300, help="step cap (the episode may end sooner)")
    parser.add_argument("--kwarg", action="append", default=[], help="name=value passed to gymnasium.make")
    parser.add_argument("--import", dest="imports", action="append", default=[], help="module that registers the env")
    args = parser.parse_args()
    for module in args.imports:
        importlib.import_module(module)
    kwargs = dict(parse_kwarg(k) for k in args.kwarg)
    env = gym.make(args.env_id, **kwargs)
    image = is_image(env.observation_space)
    rng = np.random.default_rng(1000 + args.seed)

    lines = []
    obs, _ = env.reset(seed=args.seed)
    lines.append({"type": "reset", "t": 0, **obs_fields(obs, image)})
    ended_by = "step_cap"
    for t in range(1, args.steps + 1):
        action = draw_action(env.action_space, rng)
        obs, reward, terminated, truncated, _ = env.step(action)
        step = {"type": "step", "t": t,
                "action": action if isinstance(action, int) else action.astype(np.float64).tolist(),
                **obs_fields(obs, image), "reward": float(reward),
                "terminated": bool(terminated), "truncated": bool(truncated)}
        lines.append(step)
        if terminated or truncated:
            ended_by = "terminated" if terminated else "truncated"
            break
    header = {"type": "header", "env_id": args.env_id, "kwargs": kwargs, "seed": args.seed,
              "action_rule": "uniform from the action space, numpy.random.default_rng(1000 + seed), one draw per step",
              "action_rng_seed": 1000 + args.seed, "n_steps": len(lines) - 1, "ended_by": ended_by,
              "versions": {"python": platform.python_version(), "numpy": np.__version__,
                           "gymnasium": gym.__version__},
              "spaces": {"observation_space": check_space(env.observation_space),
                         "action_space": check_space(env.action_space)},
              "obs_encoding": "channel means + sha256" if image else "float32 widened to float64"}
    out = sys.stdout
    for line in [header] + lines:
        out.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    main()
