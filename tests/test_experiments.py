"""nnlib.experiments: the computations behind the chapters' experiments and panels,
tested as plain functions, and importable without matplotlib or ipywidgets."""

import ast
import pathlib
import subprocess
import sys

import numpy as np
import pytest

from nnlib.experiments import (bumps, descend_bowl, early_stopping_point, hand_built,
                               layer_signals, layer_statistics, parse_playground_state,
                               playground_state, train_playground, trend)
from nnlib.experiments.playground import PLAYGROUND_DEFAULTS


def test_importing_and_running_the_computations_loads_no_plotting_library():
    """A graded exercise or a claim test may call these: no matplotlib, no ipywidgets."""
    code = """
import sys
import numpy as np
import nnlib.experiments as e
e.descend_bowl("Adam", "1/t", 0.1)
e.layer_statistics("he_normal", "relu", depth=2, width=8, n_samples=16)
e.bumps(np.sin, np.linspace(-3, 3, 11), 4)
e.early_stopping_point([1.0, 0.5, 0.7], patience=1)
e.playground_state(data="xor")
loaded = sorted(m for m in ("matplotlib", "ipywidgets") if m in sys.modules)
print(",".join(loaded) or "none")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "none", out.stdout


def test_no_module_of_the_package_imports_a_drawing_module():
    """Not even inside a function: matplotlib, ipywidgets, nnlib.viz and nnlib.panels
    stay out of nnlib/experiments."""
    drawing = ("matplotlib", "ipywidgets", "viz", "panels", "widgets")
    folder = pathlib.Path(__file__).resolve().parents[1] / "nnlib" / "experiments"
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [alias.name for alias in node.names]
            else:
                continue
            parts = {part for name in names for part in name.split(".")}
            assert not parts & set(drawing), (path.name, names)


def test_learning_rate_explorer_marks_divergence_where_the_theory_says():
    # SGD on curvatures 1 and 10 converges for rates below 2/10 and diverges above
    _, losses, diverged = descend_bowl("SGD", "constant", 0.19)
    assert diverged is None and losses[-1] < losses[0]
    _, losses, diverged = descend_bowl("SGD", "constant", 0.21, steps=200)
    assert diverged is not None and losses[-1] > 1e3 * losses[0]
    assert descend_bowl("Adam", "constant", 0.3)[2] is None  # Adam's step is about the rate
    assert descend_bowl("SGD", "1/t", 0.21, steps=200)[2] is None  # decay rescues it


@pytest.mark.parametrize("ratio, words", [
    (0.05, "vanish"), (0.099, "vanish"), (0.1, "shrink"), (0.79, "shrink"),
    (0.8, "keep their spread"), (1.25, "keep their spread"), (1.3, "grow"), (10.0, "grow"),
    (10.5, "explode")])
def test_trend_words_follow_the_ratio(ratio, words):
    assert trend(ratio) == words


def test_layer_signals_are_the_network_s_own():
    """Shapes per layer; activations are f(Z) and the slopes f'(Z) of the same Z; a
    zero initialization gives identical (zero) outputs; the statistics summarize the
    signals; one seed, one network."""
    signals = layer_signals("xavier_normal", "tanh", depth=3, width=8, n_samples=5, seed=1)
    assert [a.shape for a in signals.activations] == [(5, 8)] * 3
    assert [g.shape for g in signals.weight_gradients] == [(8, 8)] * 3
    np.testing.assert_allclose(signals.slopes[1], 1 - signals.activations[1] ** 2)
    stats = layer_statistics("xavier_normal", "tanh", depth=3, width=8, n_samples=5, seed=1)
    np.testing.assert_array_equal(stats.activation_std, [np.std(a) for a in signals.activations])
    np.testing.assert_array_equal(stats.slope_squared, [np.mean(s**2) for s in signals.slopes])
    again = layer_statistics("xavier_normal", "tanh", depth=3, width=8, n_samples=5, seed=1)
    np.testing.assert_array_equal(stats.gradient_std, again.gradient_std)
    other = layer_statistics("xavier_normal", "tanh", depth=3, width=8, n_samples=5, seed=2)
    assert not np.array_equal(stats.gradient_std, other.gradient_std)
    zeros = layer_signals("zeros", "tanh", depth=2, width=8, n_samples=5)
    assert all(np.all(a == 0) for a in zeros.activations)


def test_layer_statistics_show_the_rules_at_work():
    """He keeps ReLU's spread; Xavier with tanh shrinks it by more than half over ten
    layers; a callable initializer is used as given."""
    he = layer_statistics("he_normal", "relu", width=64, n_samples=256).activation_std
    assert 0.5 < he[-1] / he[0] < 2
    xavier = layer_statistics("xavier_normal", "tanh", width=64, n_samples=256).activation_std
    assert xavier[-1] / xavier[0] < 0.5
    small = layer_statistics(lambda shape, rng: 0.01 * rng.normal(size=shape), "tanh",
                             depth=3, width=64, n_samples=64).activation_std
    np.testing.assert_allclose(small[1:] / small[:-1], 0.08, rtol=0.2)  # sqrt(64 x 1e-4)


def test_bumps_trace_a_continuous_function_better_with_more_bumps():
    x = np.linspace(-3, 3, 301)
    errors = [np.max(np.abs(bumps(np.sin, x, n) - np.sin(x))) for n in (2, 8, 32, 128)]
    assert all(a > b for a, b in zip(errors, errors[1:])) and errors[-1] < 0.05


def test_a_bump_is_about_one_on_its_interval_and_zero_elsewhere():
    x = np.array([-2.0, -0.5, 0.5, 2.0])
    one = bumps(lambda c: np.ones_like(c), x, 1, lo=-1.0, hi=1.0)
    np.testing.assert_allclose(one, [0, 1, 1, 0], atol=0.01)  # sigma(5) = 0.993


def test_hand_built_uses_pairs_of_units_and_one_step_for_one_unit():
    x = np.linspace(-3, 3, 61)
    np.testing.assert_array_equal(hand_built(np.sin, x, 9), bumps(np.sin, x, 4))
    step = hand_built(np.sin, x, 1)
    assert np.all(np.diff(step) <= 0)  # sin(-3.5) > sin(3.5): one step down
    np.testing.assert_allclose(step[[0, -1]], np.sin([-3.5, 3.5]), atol=0.1)


def test_early_stopping_point_follows_the_patience_rule():
    val = [1.0, 0.8, 0.7, 0.75, 0.72, 0.71, 0.9, 0.95]
    assert early_stopping_point(val, patience=3) == (6, 3)  # epochs 4-6 do not beat 0.7
    assert early_stopping_point(val, patience=10) == (8, 3)  # never triggered: runs to the end


def test_playground_state_string_round_trips_and_rejects_unknown_keys():
    state = playground_state(data="xor", hidden="16,16", lr=0.1, batch=4, dropout=0.2)
    settings = parse_playground_state(state)
    assert settings == {**PLAYGROUND_DEFAULTS, "data": "xor", "hidden": "16,16", "lr": 0.1,
                        "batch": 4, "dropout": 0.2}
    assert playground_state(**settings) == state
    with pytest.raises(ValueError, match="key=value"):
        parse_playground_state("data=xor;colour=red")


def test_playground_reproduces_a_run_from_its_state_and_its_default_fits():
    state = playground_state(data="xor", hidden="4", epochs=20)
    first = train_playground(**parse_playground_state(state))[3]["val_loss"]
    again = train_playground(**parse_playground_state(state))[3]["val_loss"]
    assert first == again and len(first) == 20
    model, (X_train, y_train), (X_test, y_test), _ = train_playground(**PLAYGROUND_DEFAULTS)
    assert np.mean(np.argmax(model.forward(X_test), axis=1) == y_test) > 0.95
