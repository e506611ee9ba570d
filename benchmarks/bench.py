"""nnlib against its peers, measured side by side in one process (``make bench``).

Workloads (issue "nnlib performance"):

W1  throughput: MLP 784-256-128-10, ReLU, Adam (lr 1e-3), batch 200, 20,000 random
    float32 samples, 10 classes; seconds per epoch for nnlib, scikit-learn and (when
    installed) PyTorch on the CPU, and the fraction of the float32 matrix-multiply
    peak each reaches.
W2  small network: the Iris network 4-20-30-25-3, Adam, 1,000 full-batch epochs:
    microseconds per epoch, nnlib and scikit-learn.
W3  interactive update: retrain a 2-16-16-2 network for 200 epochs on a 2-D toy set
    and redraw its decision boundary.
PANELS  every interactive panel of the book (``nnlib.widgets.PANELS``): its first live
    display in a fresh process, and its redraw after a change of a control.
MEM peak memory allocated during W1's fit, beyond the data.

Contenders alternate inside every repetition, so a slow spell of this (noisy) machine
hits all of them; we report medians and the median of the per-repetition ratios.
Results go to ``benchmarks/results.json`` and the book page ``performance.md``;
``--page`` writes the page again from the stored results without measuring.
"""

import argparse
import io
import json
import math
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import sklearn  # noqa: E402
import threadpoolctl  # noqa: E402
from sklearn.neural_network import MLPClassifier as SkMLPClassifier  # noqa: E402

import nnlib  # noqa: E402
from nnlib import MLPClassifier, datasets, viz  # noqa: E402

try:
    import torch
except ImportError:  # PyTorch is optional
    torch = None

ROOT = pathlib.Path(__file__).resolve().parents[1]
W1_SIZES = (784, 256, 128, 10)
W1_SAMPLES, W1_BATCH = 20_000, 200


def median(values):
    return float(statistics.median(values))


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def matmul_peak(size=2048, repeats=7):
    """float32 GFLOP/s of a large square matrix product (this machine's practical peak)."""
    rng = np.random.default_rng(0)
    a = rng.standard_normal((size, size), dtype=np.float32)
    b = rng.standard_normal((size, size), dtype=np.float32)
    a @ b
    return 2 * size ** 3 / min(timed(lambda: a @ b) for _ in range(repeats)) / 1e9


def w1_flops():
    """FLOPs of one epoch: 2 per multiply-add, forward + two backward products per layer,
    minus the gradient with respect to the input (never needed)."""
    pairs = list(zip(W1_SIZES[:-1], W1_SIZES[1:]))
    total = 6 * W1_SAMPLES * sum(a * b for a, b in pairs)
    return total - 2 * W1_SAMPLES * pairs[0][0] * pairs[0][1]


def w1_matmul_only(repeats=5):
    """Seconds for just the matrix products of one W1 epoch, at W1's own shapes: the time
    no NumPy implementation of this network can beat."""
    rng = np.random.default_rng(0)
    weights = [rng.standard_normal((a, b), dtype=np.float32)
               for a, b in zip(W1_SIZES[:-1], W1_SIZES[1:])]
    inputs = [rng.standard_normal((W1_BATCH, a), dtype=np.float32) for a in W1_SIZES[:-1]]
    deltas = [rng.standard_normal((W1_BATCH, b), dtype=np.float32) for b in W1_SIZES[1:]]

    def epoch():
        for _ in range(W1_SAMPLES // W1_BATCH):
            for i, (W, x, d) in enumerate(zip(weights, inputs, deltas)):
                x @ W          # forward
                x.T @ d        # weight gradient
                if i > 0:
                    d @ W.T    # input gradient (not for the first layer)

    return min(timed(epoch) for _ in range(repeats))


def w1_data():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((W1_SAMPLES, W1_SIZES[0]), dtype=np.float32)
    y = rng.integers(0, W1_SIZES[-1], W1_SAMPLES)
    return X, y


def w1_estimator(cls, X, y):
    model = cls(hidden_layer_sizes=W1_SIZES[1:-1], solver="adam", learning_rate_init=1e-3,
                batch_size=W1_BATCH, max_iter=1, random_state=0)
    return timed(lambda: model.fit(X, y))


def w1_torch(X, y):
    torch.manual_seed(0)
    layers = []
    for i, (a, b) in enumerate(zip(W1_SIZES[:-1], W1_SIZES[1:])):
        layers.append(torch.nn.Linear(a, b))
        if i < len(W1_SIZES) - 2:
            layers.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*layers)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    X_t, y_t = torch.from_numpy(X), torch.from_numpy(y)

    def epoch():
        order = torch.randperm(W1_SAMPLES)
        for start in range(0, W1_SAMPLES, W1_BATCH):
            index = order[start:start + W1_BATCH]
            optimizer.zero_grad(set_to_none=True)
            loss_fn(net(X_t[index]), y_t[index]).backward()
            optimizer.step()

    return timed(epoch)


def run_w1(repeats):
    X, y = w1_data()
    contenders = {"nnlib": lambda: w1_estimator(MLPClassifier, X, y),
                  "scikit-learn": lambda: w1_estimator(SkMLPClassifier, X, y)}
    if torch is not None:
        contenders["PyTorch"] = lambda: w1_torch(X, y)
    contenders["bare NumPy loop"] = lambda: bare_numpy_mlp(X, y, W1_SIZES, W1_BATCH, 1)[0]
    for fn in contenders.values():  # warm up caches, thread pools, lazy imports
        fn()
    times = {name: [] for name in contenders}
    for r in range(repeats):
        names = list(contenders)
        order = names[r % len(names):] + names[:r % len(names)]  # rotate who goes first
        for name in order:
            times[name].append(contenders[name]())
    return times


def bare_numpy_mlp(X, y, sizes, batch_size, epochs, seed=0):
    """Train a ReLU MLP with softmax cross-entropy, scikit-learn's L2 (alpha 1e-4) and
    Adam as one bare NumPy loop: no layers, no input checks, no divergence guard, no
    history. Not a contender but a floor for the contenders: about the fewest NumPy
    operations an epoch needs. Returns seconds per epoch and the last batch's loss
    (which shows that the loop really trains)."""
    rng = np.random.default_rng(seed)
    n, dtype = X.shape[0], X.dtype
    Y = np.eye(sizes[-1], dtype=dtype)[y]
    shapes = [(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
    n_weights = sum(a * b for a, b in shapes)  # all weights first, then all biases
    flat = np.zeros(n_weights + sum(sizes[1:]), dtype=dtype)
    grad, m, v = np.zeros_like(flat), np.zeros_like(flat), np.zeros_like(flat)
    W, dW, b, db, start = [], [], [], [], 0
    for shape in shapes:
        stop = start + shape[0] * shape[1]
        W.append(flat[start:stop].reshape(shape))
        dW.append(grad[start:stop].reshape(shape))
        W[-1][...] = rng.uniform(-1, 1, shape) * np.sqrt(6 / sum(shape))
        start = stop
    for size in sizes[1:]:
        b.append(flat[start:start + size])
        db.append(grad[start:start + size])
        start += size
    chunks = [slice(i, i + 32768) for i in range(0, flat.shape[0], 32768)]

    def step(index, t):
        a, target, inputs = X[index], Y[index], []
        for i in range(len(W)):
            inputs.append(a)
            a = a @ W[i]
            a += b[i]
            if i < len(W) - 1:
                np.maximum(a, 0.0, out=a)
        a -= a.max(axis=1, keepdims=True)
        np.exp(a, out=a)
        a /= a.sum(axis=1, keepdims=True)  # softmax probabilities
        loss = -float(np.log((a * target).sum(axis=1)).mean())
        delta = a - target
        delta *= 1.0 / a.shape[0]
        for i in reversed(range(len(W))):
            np.matmul(inputs[i].T, delta, out=dW[i])
            np.sum(delta, axis=0, out=db[i])
            if i:
                delta = delta @ W[i].T
                delta *= inputs[i] > 0
        grad[:n_weights] += (1e-4 / a.shape[0]) * flat[:n_weights]
        step_size = 1e-3 * math.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
        for part in chunks:
            g, mp, vp = grad[part], m[part], v[part]
            mp *= 0.9
            mp += 0.1 * g
            vp *= 0.999
            vp += 0.001 * g * g
            flat[part] -= step_size * mp / (np.sqrt(vp) + 1e-8)
        return loss

    t = 0
    start_time = time.perf_counter()
    for _ in range(epochs):
        order = rng.permutation(n)
        for first in range(0, n, batch_size):
            t += 1
            loss = step(order[first:first + batch_size], t)
    return (time.perf_counter() - start_time) / epochs, loss


def run_w2(repeats, epochs=1000):
    X, y = datasets.iris()
    settings = dict(hidden_layer_sizes=(20, 30, 25), solver="adam", max_iter=epochs,
                    n_iter_no_change=epochs, random_state=42)
    times = {"nnlib": [], "scikit-learn": [], "bare NumPy loop": []}
    for r in range(repeats):
        for name, cls in (("nnlib", MLPClassifier), ("scikit-learn", SkMLPClassifier))[::1 - 2 * (r % 2)]:
            model = cls(**settings)
            seconds = timed(lambda: model.fit(X, y))
            times[name].append(seconds / model.n_iter_ * 1e6)
        seconds, _ = bare_numpy_mlp(X, y, (4, 20, 30, 25, 3), X.shape[0], epochs)
        times["bare NumPy loop"].append(seconds * 1e6)
    return times


def run_w3(repeats):
    X, y = datasets.moons(n_samples=200, noise=0.2, random_state=0)
    fig, ax = plt.subplots(figsize=(5, 4))

    def update(seed):
        model = MLPClassifier(hidden_layer_sizes=(16, 16), max_iter=200, n_iter_no_change=200,
                              learning_rate_init=0.01, random_state=seed).fit(X, y)
        ax.clear()
        viz.plot_decision_boundary(model, X, y, ax=ax, resolution=100)
        fig.canvas.draw()

    update(0)
    times = [timed(lambda: update(r)) * 1e3 for r in range(repeats)]
    plt.close(fig)
    # the floor of the training part: the same 200 full-batch epochs as a bare NumPy loop
    floor = [bare_numpy_mlp(X, y, (2, 16, 16, 2), X.shape[0], 200, seed=r)[0] * 200 * 1e3
             for r in range(repeats)]
    return {"nnlib": times, "bare NumPy training": floor}


def run_panels(repeats):
    """Milliseconds from a change of a control to the new figure in a live panel (its
    own redraw: draw, and encode the PNG the notebook shows). After the first display
    a reader's walk: each step moves one random control to another random value, so a
    step to a state that trains a network includes the training (unless cached). At
    least 15 steps per panel: the median of fewer moves depends on a handful of states."""
    from nnlib.panels import PANELS

    times = {}
    for name, factory in PANELS.items():
        controls = factory().widget().children[0].children
        rng = np.random.default_rng(0)
        times[name] = []
        for _ in range(max(repeats, 15)):
            control = controls[rng.integers(len(controls))]
            others = [v for _, v in control.options if v != control.value]
            value = others[rng.integers(len(others))]
            times[name].append(timed(lambda: setattr(control, "value", value)) * 1e3)
    return times


def run_first_display(repeats):
    """Seconds to the first live display of every panel (without NNLIB_STATIC_PANELS), each
    repetition in a fresh process that has imported what a chapter imports
    (``tests/panel_check.py --time-only``)."""
    env = {k: v for k, v in os.environ.items() if k != "NNLIB_STATIC_PANELS"}
    times = {}
    for _ in range(repeats):
        out = subprocess.run([sys.executable, str(ROOT / "tests" / "panel_check.py"), "--time-only"],
                             capture_output=True, text=True, check=True, env=env, cwd=ROOT)
        for name, entry in json.loads(out.stdout.strip().splitlines()[-1])["panels"].items():
            times.setdefault(name, []).append(entry["first_display"])
    return times


def run_memory():
    X, y = w1_data()
    model = MLPClassifier(hidden_layer_sizes=W1_SIZES[1:-1], batch_size=W1_BATCH, max_iter=1,
                          random_state=0)
    tracemalloc.start()
    tracemalloc.reset_peak()
    baseline = tracemalloc.get_traced_memory()[0]
    model.fit(X, y)
    peak = tracemalloc.get_traced_memory()[1] - baseline
    tracemalloc.stop()
    return {"peak_bytes": peak, "X_bytes": X.nbytes, "copies_of_X": peak / X.nbytes}


def paired_ratios(times, slower, faster):
    return [a / b for a, b in zip(times[slower], times[faster])]


def measure(repeats):
    """Run every workload; the results as one dict (what results.json holds)."""
    warnings.simplefilter("ignore")  # ConvergenceWarning: one epoch on purpose
    peak = matmul_peak()
    matmul_only = w1_matmul_only()
    w1 = run_w1(repeats)
    w2 = run_w2(repeats)
    w3 = run_w3(repeats)
    first = run_first_display(repeats)
    panels = run_panels(repeats)
    memory = run_memory()

    flops = w1_flops()
    results = {
        "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version(),
                    "numpy": np.__version__, "scikit-learn": sklearn.__version__,
                    "nnlib": nnlib.__version__, "torch": torch.__version__ if torch else None,
                    "blas": [{k: info.get(k) for k in ("internal_api", "version", "num_threads",
                                                       "architecture")}
                             for info in threadpoolctl.threadpool_info()],
                    "matmul_peak_gflops": peak, "repeats": repeats},
        "W1": {"seconds_per_epoch": {k: median(v) for k, v in w1.items()},
               "raw": w1, "flops_per_epoch": flops, "matmul_only_seconds": matmul_only,
               "fraction_of_peak": {k: flops / median(v) / (peak * 1e9) for k, v in w1.items()},
               "speedup": {peer: median(paired_ratios(w1, peer, "nnlib"))
                           for peer in w1 if peer != "nnlib"}},
        "W2": {"microseconds_per_epoch": {k: median(v) for k, v in w2.items()}, "raw": w2,
               "speedup": {"scikit-learn": median(paired_ratios(w2, "scikit-learn", "nnlib"))},
               "floor_speedup": median(paired_ratios(w2, "scikit-learn", "bare NumPy loop"))},
        "W3": {"milliseconds_per_update": median(w3["nnlib"]), "raw": w3["nnlib"],
               "floor_training_milliseconds": median(w3["bare NumPy training"])},
        "panels": {"first_display_seconds": {k: median(v) for k, v in first.items()},
                   "first_display_raw": first,
                   "milliseconds_per_redraw": {k: median(v) for k, v in panels.items()}, "raw": panels},
        "memory": memory,
    }
    results["targets"] = targets(results)
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, for a smoke test")
    parser.add_argument("--page", action="store_true",
                        help="only write performance.md again from benchmarks/results.json")
    args = parser.parse_args(argv)
    out = ROOT / "benchmarks" / "results.json"
    if args.page:
        results = json.loads(out.read_text())
    else:
        results = measure(2 if args.quick else args.repeats)
        out.write_text(json.dumps(results, indent=2) + "\n")
    page = render_page(results)
    (ROOT / "performance.md").write_text(page)
    print(page)
    return results


def targets(r):
    """Each target of issue 16 (the performance it must keep or reach) with the measured
    value and whether it is met: a checklist for developers, kept in results.json (the
    page shows the results themselves)."""
    rows = []
    w1, w2 = r["W1"], r["W2"]
    w1_floor = median(paired_ratios(w1["raw"], "nnlib", "bare NumPy loop"))
    rows.append(("W1: ≤ 1.10× the bare loop's time", f"{w1_floor:.2f}×", w1_floor <= 1.10))
    torch_speed = w1["speedup"].get("PyTorch")
    rows.append(("W1: ≥ 1.2× PyTorch's throughput",
                 "PyTorch not installed" if torch_speed is None else f"{torch_speed:.2f}×",
                 None if torch_speed is None else torch_speed >= 1.2))
    w2_floor = median(paired_ratios(w2["raw"], "nnlib", "bare NumPy loop"))
    rows.append(("W2: ≤ 1.15× the bare loop's time", f"{w2_floor:.2f}×", w2_floor <= 1.15))
    w2_speed = w2["speedup"]["scikit-learn"]
    rows.append(("W2: ≥ 2.1× scikit-learn's speed", f"{w2_speed:.2f}×", w2_speed >= 2.1))
    w3 = r["W3"]["milliseconds_per_update"]
    rows.append(("W3: ≤ 100 ms per update", f"{w3:.0f} ms", w3 <= 100))
    for name, ms in r.get("panels", {}).get("milliseconds_per_redraw", {}).items():
        rows.append((f"Panel {name}: ≤ 100 ms per redraw", f"{ms:.0f} ms", ms <= 100))
    for name, seconds in r.get("panels", {}).get("first_display_seconds", {}).items():
        rows.append((f"Panel {name}: first live display ≤ 1.5 s", f"{seconds:.2f} s", seconds <= 1.5))
    copies = r["memory"]["copies_of_X"]
    rows.append(("W1 fit holds ≤ one extra copy of X", f"{copies:.2f} copies", copies <= 1.0))
    return [{"target": t, "measured": m, "met": ok} for t, m, ok in rows]


def markdown_table(header, rows):
    """Lines of a Markdown table."""
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows)]


def times_as_fast(ratio):
    """'1.38× faster' for a ratio above 1 (the other's time over nnlib's), else '1.20× slower'."""
    return f"{ratio:.2f}× faster" if ratio >= 1 else f"{1 / ratio:.2f}× slower"


def render_page(r):
    m = r["machine"]
    w1, w2, w3, panels = r["W1"], r["W2"], r["W3"], r.get("panels", {})
    counts = sorted({len(v) for v in w1["raw"].values()} | {len(v) for v in w2["raw"].values()}
                    | {len(w3["raw"])})
    repetitions = " or ".join(map(str, counts))
    floor1, floor2 = w1["seconds_per_epoch"]["bare NumPy loop"], w2["microseconds_per_epoch"]["bare NumPy loop"]
    nnlib1, nnlib2 = w1["seconds_per_epoch"]["nnlib"], w2["microseconds_per_epoch"]["nnlib"]
    peers = ", ".join(f"{times_as_fast(ratio)} than {peer}" for peer, ratio in w1["speedup"].items()
                      if peer != "bare NumPy loop")
    lines = [
        "# Performance",
        "",
        "How fast nnlib trains, measured against scikit-learn (and PyTorch, when it is installed)",
        "in one process by",
        "`make bench` (`benchmarks/bench.py`). This page is written by that script from its",
        f"last run; nothing on it is typed by hand. Every timing is the median of {repetitions}",
        "repetitions, and every speed-up the median of the ratios measured side by side within",
        "each repetition, because this kind of machine is noisy. Beside each time stands the",
        "*bare NumPy floor*: the same training written as one plain loop of NumPy calls",
        "(explained below), about the least time any NumPy implementation can take.",
        "",
        f"Machine: {m['cpu_count']} CPU cores, Python {m['python']}, NumPy {m['numpy']}, "
        f"scikit-learn {m['scikit-learn']}, PyTorch {m['torch'] or 'not installed'}; "
        f"float32 matrix-multiply peak {m['matmul_peak_gflops']:.0f} GFLOP/s.",
        "",
        "## In short",
        "",
        f"- On a large network (W1) nnlib trains an epoch in {nnlib1:.3f} s, {nnlib1 / floor1:.2f} times "
        f"the floor's {floor1:.3f} s, and {peers}.",
        f"- On the small Iris network (W2) an epoch takes {nnlib2:.0f} µs, {nnlib2 / floor2:.2f} times the "
        f"floor's {floor2:.0f} µs, and {times_as_fast(w2['speedup']['scikit-learn'])} than scikit-learn.",
        f"- Retraining a small network and redrawing it (W3) takes {w3['milliseconds_per_update']:.0f} ms.",
    ]
    if panels.get("first_display_seconds"):
        slowest = max(panels["first_display_seconds"].items(), key=lambda item: item[1])
        lines.append(f"- Every interactive panel shows within {slowest[1]:.2f} s of its cell running "
                     f"(the slowest: the {slowest[0]}); the table below gives each panel's redraw.")
    lines += [
        "",
        "## W1: throughput (784-256-128-10, Adam, batch 200, 20,000 float32 samples)",
        "",
    ]
    lines += markdown_table(["library", "seconds per epoch", "× the floor's time", "fraction of matmul peak"],
                            [(name, f"{seconds:.3f}", f"{seconds / floor1:.2f}", f"{w1['fraction_of_peak'][name]:.0%}")
                             for name, seconds in w1["seconds_per_epoch"].items()])
    lines += [
        "",
        f"One epoch is {w1['flops_per_epoch'] / 1e9:.1f} GFLOP (6 × samples × Σ fan_in·fan_out,",
        "less the input layer's gradient, which training never needs). At W1's own shapes",
        f"(batches of {W1_BATCH}) those matrix products alone take {w1['matmul_only_seconds']:.3f} s, "
        f"{w1['flops_per_epoch'] / w1['matmul_only_seconds'] / (m['matmul_peak_gflops'] * 1e9):.0%} "
        "of the peak: no implementation built on NumPy's matrix product can do better than that.",
        "",
        "The *bare NumPy loop* is not a library but the floor: the same network, loss, L2",
        "penalty and Adam written as one loop of NumPy calls, with no layers, no input checks,",
        "no divergence guard and no history (`bare_numpy_mlp` in the script). It reaches "
        f"{w1['fraction_of_peak'].get('bare NumPy loop', float('nan')):.0%} of the peak: what "
        "separates it from the matrix products alone is the optimizer's",
        "dozen elementwise passes over 235,146 parameters per batch, the batch gather and the",
        "activations, all single-threaded memory-bound NumPy calls. nnlib's epoch takes "
        f"{nnlib1 / floor1 - 1:.0%} longer",
        "than the floor's: that is what its layers, input checks and history cost at this size.",
        "",
        "## W2: the Iris network (4-20-30-25-3, Adam, 1,000 full-batch epochs)",
        "",
    ]
    lines += markdown_table(["library", "microseconds per epoch", "× the floor's time"],
                            [(name, f"{us:.0f}", f"{us / floor2:.2f}")
                             for name, us in w2["microseconds_per_epoch"].items()])
    lines += [
        "",
        "On arrays this small (150 × 30 at most) the time goes to the fixed cost of each",
        "NumPy call, not to arithmetic: the floor, about the fewest calls an epoch needs, is",
        f"{w2['floor_speedup']:.2f}× faster than scikit-learn, and what nnlib spends above the floor is",
        "the price of its layers, checks and history, call by call.",
        "",
        "## Interactive panels",
        "",
        f"W3 retrains a 2-16-16-2 network for 200 epochs on 200 points and redraws its decision "
        f"boundary in {w3['milliseconds_per_update']:.0f} ms; the same training as a bare NumPy loop "
        f"takes {w3.get('floor_training_milliseconds', float('nan')):.0f} ms: the floor for the training part of "
        "the update.",
        "",
    ]
    if panels.get("first_display_seconds"):
        lines += [
            "The book's panels, as they run with a kernel: the *first display* is the time from",
            "running the panel's cell to the panel on screen, each repetition in a fresh Python",
            "process that has imported what a chapter imports. A *redraw* is the time from moving",
            "one control to the new figure, over random moves of a reader; where a move reaches a",
            "setting that trains a network, the training is part of it.",
            "",
        ]
        lines += markdown_table(["panel", "first display (s)", "redraw (ms)"],
                                [(name, f"{seconds:.2f}", f"{panels['milliseconds_per_redraw'][name]:.0f}")
                                 for name, seconds in panels["first_display_seconds"].items()])
        lines += [""]
    lines += [
        "## Memory",
        "",
        f"W1's fit allocates at most {r['memory']['peak_bytes'] / 2**20:.1f} MiB beyond the "
        f"data, {r['memory']['copies_of_X']:.2f} times the size of X "
        f"({r['memory']['X_bytes'] / 2**20:.1f} MiB)"
        + (": it never holds a copy of the training set." if r["memory"]["copies_of_X"] < 1 else "."),
        "",
        "## Running on a GPU",
        "",
        "nnlib computes with the array library of its input. Install the GPU extra",
        "(`pip install -e .[gpu]`, which brings CuPy) and pass CuPy arrays: the weights,",
        "`predict` and `predict_proba` then stay on the GPU.",
        "",
        "```python",
        "import cupy",
        "from nnlib import MLPClassifier",
        "model = MLPClassifier(hidden_layer_sizes=(256, 128)).fit(cupy.asarray(X), cupy.asarray(y))",
        "```",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
