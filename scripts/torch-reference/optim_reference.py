#!/usr/bin/python3
"""PyTorch reference trajectories for the nn module's optimizer/loss tests.

Writes test/fixtures/nn/optim-reference.json: for each case, an MLP's initial
state dict, the training batches, the loss at every step and the final state
dict after `steps` optimizer steps, all in float64.

How to run (from the repository root, on Debian bookworm):

    apt-get update && apt-get install -y python3-torch
    /usr/bin/python3 scripts/torch-reference/optim_reference.py

Use Debian's /usr/bin/python3 (the one python3-torch is installed for), not a
python from PATH. Optional: `--out PATH` to write elsewhere, `--check` to also
rerun every case with the initial weights perturbed by ~1e-13 (relative) and
print how far the trajectory moves, i.e. how much precision the fixture can
demand from an implementation that rounds differently.

The output is deterministic: every case seeds torch with a CRC32 of its id,
builds the model with torch's default init, then draws its batches from the
same global generator. The TypeScript tests read only the committed JSON; they
never run Python.

Each step is exactly:

    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    [torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)]
    opt.step()
    [scheduler.step()]

with x, y = batches[i % len(batches)], and losses[i] = loss.item() taken
before that step's update.
"""

import argparse
import json
import math
import os
import sys
import zlib

import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

STEPS = 100
BATCH = 8
N_BATCHES = 4

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "test", "fixtures", "nn", "optim-reference.json")


# ---------------------------------------------------------------- optimizers

SGD_MOMENTUM = {"name": "sgd", "lr": 0.05, "momentum": 0.9, "dampening": 0.1,
                "nesterov": False, "weightDecay": 1e-3}
SGD_NESTEROV = {"name": "sgd", "lr": 0.05, "momentum": 0.9, "dampening": 0,
                "nesterov": True, "weightDecay": 1e-3}
ADAM = {"name": "adam", "lr": 0.01, "betas": [0.9, 0.999], "eps": 1e-8,
        "weightDecay": 1e-2, "amsgrad": False}
ADAMW = {"name": "adamw", "lr": 0.01, "betas": [0.9, 0.999], "eps": 1e-8,
         "weightDecay": 1e-2, "amsgrad": False}

OPTIMIZERS = [("sgd-momentum", SGD_MOMENTUM), ("sgd-nesterov", SGD_NESTEROV),
              ("adam", ADAM), ("adamw", ADAMW)]


def with_(d, **kw):
    out = dict(d)
    out.update(kw)
    return out


def make_optimizer(spec, params):
    name = spec["name"]
    if name == "sgd":
        return torch.optim.SGD(params, lr=spec["lr"], momentum=spec["momentum"],
                               dampening=spec["dampening"], nesterov=spec["nesterov"],
                               weight_decay=spec["weightDecay"])
    if name in ("adam", "adamw"):
        cls = torch.optim.Adam if name == "adam" else torch.optim.AdamW
        return cls(params, lr=spec["lr"], betas=tuple(spec["betas"]), eps=spec["eps"],
                   weight_decay=spec["weightDecay"], amsgrad=spec["amsgrad"])
    raise ValueError(name)


def make_scheduler(spec, opt):
    if spec is None:
        return None
    if spec["name"] == "step":
        return torch.optim.lr_scheduler.StepLR(opt, step_size=spec["stepSize"], gamma=spec["gamma"])
    if spec["name"] == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=spec["tMax"], eta_min=spec["etaMin"])
    raise ValueError(spec["name"])


# ---------------------------------------------------------------- losses

def make_loss(spec):
    name, red = spec["name"], spec["reduction"]
    if name == "mse":
        return torch.nn.MSELoss(reduction=red)
    if name == "l1":
        return torch.nn.L1Loss(reduction=red)
    if name == "huber":
        return torch.nn.HuberLoss(reduction=red, delta=spec["delta"])
    if name == "crossEntropy":
        return torch.nn.CrossEntropyLoss(reduction=red, label_smoothing=spec.get("labelSmoothing", 0.0))
    if name == "bceWithLogits":
        return torch.nn.BCEWithLogitsLoss(reduction=red)
    raise ValueError(name)


def make_targets(loss_name, n, n_out):
    if loss_name in ("mse", "l1", "huber"):
        return torch.randn(n, n_out)
    if loss_name == "crossEntropy":
        return torch.randint(0, n_out, (n,))
    if loss_name == "bceWithLogits":
        return torch.randint(0, 2, (n, n_out)).to(torch.float64)
    raise ValueError(loss_name)


# ---------------------------------------------------------------- model

def make_model(sizes, activation):
    act = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU}[activation]
    layers = []
    for i in range(len(sizes) - 1):
        if i > 0:
            layers.append(act())
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
    return torch.nn.Sequential(*layers)


def tensor_json(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": t.reshape(-1).tolist()}


def state_json(model):
    return {k: tensor_json(v) for k, v in model.state_dict().items()}


# ---------------------------------------------------------------- cases

MLP = {"sizes": [5, 8, 6, 3], "activation": "tanh"}


def case_specs():
    specs = []
    losses = [
        ("mse", {"name": "mse", "reduction": "mean"}),
        ("crossEntropy", {"name": "crossEntropy", "reduction": "mean"}),
        ("bceWithLogits", {"name": "bceWithLogits", "reduction": "mean"}),
        ("l1", {"name": "l1", "reduction": "mean"}),
        ("huber", {"name": "huber", "reduction": "mean", "delta": 1.0}),
    ]
    for loss_id, loss in losses:
        for opt_id, opt in OPTIMIZERS:
            specs.append({"id": f"{opt_id}_{loss_id}", "model": MLP, "loss": loss,
                          "optimizer": opt, "clipGradNorm": None, "scheduler": None})
    specs += [
        {"id": "sgd-momentum_huber-delta0.5", "model": MLP,
         "loss": {"name": "huber", "reduction": "mean", "delta": 0.5},
         "optimizer": SGD_MOMENTUM, "clipGradNorm": None, "scheduler": None},
        {"id": "adam-amsgrad_crossEntropy-ls0.1", "model": MLP,
         "loss": {"name": "crossEntropy", "reduction": "mean", "labelSmoothing": 0.1},
         "optimizer": with_(ADAM, amsgrad=True), "clipGradNorm": None, "scheduler": None},
        # sum over 8x3 elements: 24x the mean's gradient, so a 24x smaller lr
        {"id": "sgd-momentum_mse-sum", "model": MLP,
         "loss": {"name": "mse", "reduction": "sum"},
         "optimizer": with_(SGD_MOMENTUM, lr=0.002), "clipGradNorm": None, "scheduler": None},
        # the gradient norm is above 0.5 at most steps, so the clipping is active
        {"id": "sgd-momentum_mse_clip0.5", "model": MLP,
         "loss": {"name": "mse", "reduction": "mean"},
         "optimizer": with_(SGD_MOMENTUM, lr=0.1), "clipGradNorm": 0.5, "scheduler": None},
        {"id": "adam_mse_steplr", "model": MLP,
         "loss": {"name": "mse", "reduction": "mean"},
         "optimizer": with_(ADAM, lr=0.02), "clipGradNorm": None,
         "scheduler": {"name": "step", "stepSize": 10, "gamma": 0.5}},
        # 100 steps with tMax 50: down to etaMin at step 50 and back up again
        {"id": "adam_crossEntropy_cosine", "model": MLP,
         "loss": {"name": "crossEntropy", "reduction": "mean"},
         "optimizer": with_(ADAM, lr=0.02), "clipGradNorm": None,
         "scheduler": {"name": "cosine", "tMax": 50, "etaMin": 0.001}},
        {"id": "adam_mse_relu", "model": {"sizes": [5, 8, 6, 3], "activation": "relu"},
         "loss": {"name": "mse", "reduction": "mean"},
         "optimizer": ADAM, "clipGradNorm": None, "scheduler": None},
    ]
    return specs


def seed_of(case_id):
    return zlib.crc32(case_id.encode("utf-8"))


def setup(spec):
    """Seeded model and batches for a case."""
    torch.manual_seed(seed_of(spec["id"]))
    sizes = spec["model"]["sizes"]
    model = make_model(sizes, spec["model"]["activation"])
    batches = []
    for _ in range(N_BATCHES):
        x = torch.randn(BATCH, sizes[0])
        y = make_targets(spec["loss"]["name"], BATCH, sizes[-1])
        batches.append((x, y))
    return model, batches


def train(spec, model, batches, steps=STEPS):
    loss_fn = make_loss(spec["loss"])
    opt = make_optimizer(spec["optimizer"], model.parameters())
    sched = make_scheduler(spec["scheduler"], opt)
    losses, clipped, lrs = [], 0, []
    for i in range(steps):
        x, y = batches[i % len(batches)]
        lrs.append(opt.param_groups[0]["lr"])
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        if spec["clipGradNorm"] is not None:
            total = torch.nn.utils.clip_grad_norm_(model.parameters(), spec["clipGradNorm"])
            clipped += int(total.item() > spec["clipGradNorm"])
        opt.step()
        if sched is not None:
            sched.step()
        losses.append(loss.item())
    return losses, {"clipped": clipped, "lrs": lrs}


def run_case(spec):
    model, batches = setup(spec)
    initial = state_json(model)
    losses, info = train(spec, model, batches)
    case = dict(spec)
    case["initial"] = initial
    case["batches"] = [{"x": tensor_json(x), "y": tensor_json(y)} for x, y in batches]
    case["steps"] = STEPS
    case["losses"] = losses
    case["final"] = state_json(model)
    return case, info


def sensitivity(spec, rel=1e-13):
    """Max relative change of losses and final weights when every initial
    weight is multiplied by (1 + rel * u), u in [-1, 1]."""
    model, batches = setup(spec)
    ref_model, _ = setup(spec)
    ref_losses, _ = train(spec, ref_model, batches)
    g = torch.Generator().manual_seed(12345)
    with torch.no_grad():
        for p in model.parameters():
            p.mul_(1 + rel * (2 * torch.rand(p.shape, generator=g) - 1))
    losses, _ = train(spec, model, batches)
    dl = max(abs(a - b) / abs(b) for a, b in zip(losses, ref_losses))
    dw = 0.0
    ref_sd, sd = ref_model.state_dict(), model.state_dict()
    for k in sd:
        scale = ref_sd[k].abs().max().item()
        dw = max(dw, ((sd[k] - ref_sd[k]).abs().max().item()) / scale)
    return dl, dw


# ---------------------------------------------------------------- output

def dump(obj, indent=0):
    """JSON with lists of numbers kept on one line; floats via repr (exact)."""
    pad = "  " * indent
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f'{pad}  {json.dumps(k)}: {dump(v, indent + 1)}' for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list):
        if all(not isinstance(v, (dict, list)) for v in obj):
            return json.dumps(obj, separators=(", ", ": "), allow_nan=False)
        items = [f"{pad}  {dump(v, indent + 1)}" for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(obj, allow_nan=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true",
                    help="also measure each case's sensitivity to tiny perturbations")
    args = ap.parse_args()

    cases = []
    ids = set()
    for spec in case_specs():
        assert spec["id"] not in ids, spec["id"]
        ids.add(spec["id"])
        case, info = run_case(spec)
        l = case["losses"]
        assert all(math.isfinite(v) for v in l), spec["id"]
        first, last = sum(l[:N_BATCHES]) / N_BATCHES, sum(l[-N_BATCHES:]) / N_BATCHES
        extra = ""
        if spec["clipGradNorm"] is not None:
            extra += f" clipped {info['clipped']}/{STEPS}"
        if spec["scheduler"] is not None:
            extra += f" lr {info['lrs'][0]:.4g}..{min(info['lrs']):.4g}..{info['lrs'][-1]:.4g}"
        if args.check:
            dl, dw = sensitivity(spec)
            extra += f" sensitivity(1e-13): loss {dl:.1e} weights {dw:.1e}"
        print(f"{spec['id']:34s} loss {first:.5f} -> {last:.5f}{extra}", file=sys.stderr)
        assert last < first, f"{spec['id']}: loss did not decrease"
        cases.append(case)

    doc = {"torch_version": torch.__version__, "cases": cases}
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    text = dump(doc) + "\n"
    assert json.loads(text) == doc
    with open(args.out, "w") as f:
        f.write(text)
    print(f"wrote {args.out}: {len(cases)} cases, {len(text)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
