"""The workloads in PyTorch eager on one thread, driven by bench/systems/pytorch.ts over two named pipes.

Protocol, one line each way per request:
  create <key> <json> -> ok      workload <key>: its shape (kind, sizes, batch, activation, loss, perturbed, n,
                                 seed) and the path of a file of float64 values: W1, b1, W2, b2, ..., x, then
                                 targets or labels (bench/data.ts's order)
  run <key> <count>   -> <ms>    runs count steps of workload <key> (forward, backward, SGD update); replies with
                                 the CPU time they took, which the bench's CPU clock cannot see in this process
  loss <key>          -> <float> runs one step and prints the loss its forward pass computed (W5: the unperturbed L)
  drop <key>          -> ok
  version             -> <torch version>
  quit
"""
import json
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
LR = 0.01


class Noise:
    """W5's perturbation stream: mulberry32(seed + 1), n ~ U(-0.1, 0.1), as bench/data.ts draws it."""

    def __init__(self, seed):
        self.state = (seed + 1) & 0xFFFFFFFF

    def __call__(self):
        self.state = (self.state + 0x6D2B79F5) & 0xFFFFFFFF
        t = self.state
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF
        return -0.1 + 0.2 * (((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296)


def take(values, count, shape, grad=False):
    t = torch.tensor(values[:count], dtype=torch.float32).reshape(shape).requires_grad_(grad)
    return t, values[count:]


def mlp(spec, values):
    sizes, batch = spec["sizes"], spec["batch"]
    params = []
    for k, n in zip(sizes, sizes[1:]):
        w, values = take(values, k * n, (k, n), True)
        b, values = take(values, n, (n,), True)
        params += [w, b]
    x, values = take(values, batch * sizes[0], (batch, sizes[0]))
    if spec["loss"] == "mse":
        target, _ = take(values, batch * sizes[-1], (batch, sizes[-1]))
    else:
        target = torch.tensor(values[:batch], dtype=torch.int64)
    act = torch.tanh if spec["activation"] == "tanh" else torch.relu
    opt = torch.optim.SGD(params, lr=LR)
    noise = Noise(spec["seed"]) if spec["perturbed"] else None
    layers = len(sizes) - 1

    def step():
        h = x
        for l in range(layers):
            h = h @ params[2 * l] + params[2 * l + 1]
            if l + 1 < layers:
                h = act(h)
        loss = F.mse_loss(h, target) if spec["loss"] == "mse" else F.cross_entropy(h, target)
        objective = loss if noise is None else loss + noise() * loss / loss.detach()
        opt.zero_grad(set_to_none=True)
        objective.backward()
        opt.step()
        return loss

    return step


def matmul(spec, values):
    n = spec["n"]
    a, values = take(values, n * n, (n, n), True)
    b, _ = take(values, n * n, (n, n), True)

    def step():
        s = (a @ b).sum()
        s.backward()
        a.grad = None
        b.grad = None
        return s

    return step


def main(requests, replies):
    steps = {}
    with open(requests, "r") as inbox, open(replies, "w") as outbox:
        for line in inbox:
            verb, _, rest = line.strip().partition(" ")
            key, _, arg = rest.partition(" ")
            if verb == "quit":
                break
            if verb == "version":
                reply = torch.__version__
            elif verb == "create":
                spec = json.loads(arg)
                values = np.fromfile(spec["data"], dtype=np.float64)
                steps[key] = mlp(spec, values) if spec["kind"] == "mlp" else matmul(spec, values)
                reply = "ok"
            elif verb == "run":
                step = steps[key]
                start = time.process_time()
                for _ in range(int(arg)):
                    step()
                reply = repr(1000 * (time.process_time() - start))
            elif verb == "loss":
                reply = repr(float(steps[key]().item()))
            elif verb == "drop":
                del steps[key]
                reply = "ok"
            else:
                reply = "error unknown request " + verb
            outbox.write(reply + "\n")
            outbox.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
