"""The benchmark script's bookkeeping (no timings are asserted: those live in `make bench`)."""

import importlib.util
import pathlib

import pytest

spec = importlib.util.spec_from_file_location(
    "bench", pathlib.Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def test_w1_flops_formula():
    # 6 * N * (784*256 + 256*128 + 128*10) - 2 * N * 784*256
    assert bench.w1_flops() == 6 * 20_000 * 234_752 - 2 * 20_000 * 200_704


def fake_results(pytorch=True):
    w1 = {"nnlib": [1.0, 1.0], "scikit-learn": [2.0, 1.6], "bare NumPy loop": [0.9, 0.9]}
    if pytorch:
        w1["PyTorch"] = [1.3, 1.1]
    return {
        "machine": {"cpu_count": 2, "python": "3", "numpy": "2", "scikit-learn": "1",
                    "torch": "2" if pytorch else None, "matmul_peak_gflops": 100.0, "repeats": 2},
        "W1": {"seconds_per_epoch": {k: bench.median(v) for k, v in w1.items()}, "raw": w1,
               "flops_per_epoch": 5e10, "matmul_only_seconds": 0.5,
               "fraction_of_peak": {k: 0.5 for k in w1},
               "speedup": {k: bench.median(bench.paired_ratios(w1, k, "nnlib")) for k in w1 if k != "nnlib"}},
        "W2": {"microseconds_per_epoch": {"nnlib": 10.0, "scikit-learn": 40.0, "bare NumPy loop": 8.0},
               "raw": {"nnlib": [10.0, 10.0], "scikit-learn": [40.0, 40.0], "bare NumPy loop": [8.0, 8.0]},
               "speedup": {"scikit-learn": 4.0}, "floor_speedup": 5.0},
        "W3": {"milliseconds_per_update": 200.0, "raw": [200.0, 200.0], "floor_training_milliseconds": 50.0},
        "panels": {"first_display_seconds": {"activation explorer": 0.2, "playground": 0.9},
                   "milliseconds_per_redraw": {"activation explorer": 60.0, "playground": 400.0}},
        "memory": {"peak_bytes": 2**20, "X_bytes": 2**21, "copies_of_X": 0.5},
    }


@pytest.mark.parametrize("pytorch", [True, False])
def test_targets_and_page(pytorch):
    results = fake_results(pytorch)
    results["targets"] = rows = bench.targets(results)
    verdicts = {row["target"].split(":")[0] + str(i): row["met"] for i, row in enumerate(rows)}
    # W1 against the floor and PyTorch, W2 against the floor and scikit-learn, W3, the
    # panels' redraws, their first displays, memory
    assert list(verdicts.values()) == [False, True if pytorch else None, False, True, False,
                                       True, False, True, True, True]
    assert rows[0]["measured"] == "1.11×"  # the median of the paired ratios 1.0/0.9, 1.0/0.9
    assert rows[1]["measured"] == ("1.20×" if pytorch else "PyTorch not installed")
    page = bench.render_page(results)
    assert page.startswith("# Performance")
    assert "**no**" not in page and "target" not in page  # the checklist stays in results.json
    assert "the median of 2" in page  # the repetitions the run really made
    # every figure beside the floor: nnlib's W1 epoch 1.0 s against the floor's 0.9 s
    assert "| nnlib | 1.000 | 1.11 | 50% |" in page and "| nnlib | 10 | 1.25 |" in page
    assert "| playground | 0.90 | 400 |" in page and "within 0.90 s" in page
    assert ("1.80× faster than scikit-learn" in page) and (("faster than PyTorch" in page) == pytorch)


def test_bare_numpy_floor_really_trains():
    """The floor the page compares with must do the whole job, not skip work."""
    from nnlib import datasets
    X, y = datasets.iris()
    seconds, first_loss = bench.bare_numpy_mlp(X, y, (4, 20, 30, 25, 3), 150, 1)
    seconds, last_loss = bench.bare_numpy_mlp(X, y, (4, 20, 30, 25, 3), 150, 1000)
    assert seconds > 0
    assert first_loss > 1.0 and last_loss < 0.1  # cross-entropy of 3 classes starts near ln 3
