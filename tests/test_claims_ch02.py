"""Chapter 02's conclusions about activation functions, re-checked on other seeds.

Each test runs the chapter's own experiment code (its cells tagged ``experiment``) with
the seeds of :data:`claims.SEEDS`.
"""

import re

import numpy as np
import pytest

from claims import SEEDS, chapter_namespace, notebook_cells

CHAPTER = "02_activations"


@pytest.fixture(scope="module")
def ns():
    return chapter_namespace(CHAPTER)


def cell_metadata(cell_id):
    cells = notebook_cells(CHAPTER)
    return next(c for c in cells if c.get("id") == cell_id)["metadata"]


@pytest.mark.parametrize("seed", SEEDS)
def test_saturation_grows_with_the_scale_of_z(ns, seed):
    table = ns["saturated_fractions"](seed)
    assert table.loc[5, "sigmoid"] > 1 / 3 and table.loc[5, "tanh"] > 0.6
    assert table.loc[10, "sigmoid"] > 0.5 and table.loc[10, "tanh"] > 0.5
    assert table["relu"].between(0.49, 0.51).all()  # its negative half, whatever the scale
    assert table["sigmoid"].is_monotonic_increasing and table["tanh"].is_monotonic_increasing


@pytest.mark.parametrize("seed", SEEDS)
def test_a_negative_bias_kills_relu_units_in_bulk(ns, seed):
    dead = ns["dead_fractions"](seed)
    assert dead[0.0] == 0 and dead[-3.0] < 0.2 and dead[-6.0] > 0.8


@pytest.fixture(scope="module")
def bend(ns):
    """Epochs to bend, per seed, exactly as the chapter's table computes them."""
    def run(seed):
        fast = {name: ns["epochs_to_bend"](name, seed, 300) for name in ["tanh", "relu"]}
        slow = ns["epochs_to_bend"]("logistic", seed, 3000)
        wide = ns["epochs_to_bend"]("logistic", seed, 3000, weight_init="xavier_uniform")
        return {**fast, "logistic": slow, "logistic, tanh's init": wide}
    return {seed: run(seed) for seed in SEEDS}


@pytest.mark.parametrize("seed", SEEDS)
def test_tanh_and_relu_bend_within_300_epochs(bend, seed):
    assert bend[seed]["tanh"][0] is not None and bend[seed]["relu"][0] is not None


@pytest.mark.parametrize("seed", SEEDS)
def test_the_sigmoid_network_bends_but_much_later(bend, seed):
    fast = max(bend[seed]["tanh"][0], bend[seed]["relu"][0])
    slow = bend[seed]["logistic"][0]
    assert slow is not None  # given 3,000 epochs it does bend
    assert slow > 2 * fast


@pytest.mark.parametrize("seed", SEEDS)
def test_tanh_initial_weights_shorten_the_plateau_but_do_not_remove_it(bend, seed):
    wide, slow = bend[seed]["logistic, tanh's init"][0], bend[seed]["logistic"][0]
    assert wide is not None and wide < slow
    assert wide > 2 * bend[seed]["tanh"][0]


@pytest.mark.parametrize("seed", SEEDS)
def test_after_300_epochs_only_tanh_and_relu_follow_the_moons(ns, bend, seed):
    linear = ns["linear_loss"](seed)
    sigmoid_loss = bend[seed]["logistic"][1].loss_curve_[299]  # the figure's 300 epochs
    assert sigmoid_loss > 0.8 * linear  # still about as good as a straight line
    for name in ["tanh", "relu"]:
        model = bend[seed][name][1]
        X, y = ns["nnlib"].datasets.moons(n_samples=300, noise=0.2, random_state=seed)
        assert model.score(X, y) > 0.9 and model.loss_curve_[-1] < sigmoid_loss / 2


def test_the_figures_state_the_network_and_the_epochs(ns):
    model, X, _ = ns["train_moons"]("tanh", SEEDS[0])
    sizes = [X.shape[1]] + [W.shape[1] for W in model.coefs_]
    for cell_id in ["9c4d2e71", "e27b5a08"]:
        caption = cell_metadata(cell_id)["mystnb"]["figure"]["caption"]
        assert "-".join(map(str, sizes)) + " network" in caption
    caption = cell_metadata("9c4d2e71")["mystnb"]["figure"]["caption"]
    assert re.findall(r"after (\d+) epochs", caption) == [str(model.n_iter_)]


def test_the_activation_figure_states_leaky_relus_slope():
    cell = cell_metadata("1cd35b64")
    assert "α = 0.1" in cell["mystnb"]["figure"]["caption"]
    # the figure draws leaky ReLU with the alpha its caption states
    cells = notebook_cells(CHAPTER)
    source = "".join(next(c for c in cells if c.get("id") == "1cd35b64")["source"])
    assert '("leaky_relu", {"alpha": 0.1})' in source


@pytest.fixture(scope="module")
def prelu_runs(ns):
    return {seed: ns["train_prelu"](seed) for seed in SEEDS}


@pytest.mark.parametrize("seed", SEEDS)
def test_prelu_slopes_are_learned_most_fall_and_many_turn_negative(prelu_runs, seed):
    net, alphas, losses = prelu_runs[seed]
    assert alphas.shape == (201, 32) and np.all(alphas[0] == 0.25)
    final = alphas[-1]
    assert np.all(np.abs(final - 0.25) > 1e-3)  # every slope moved
    assert np.mean(final < 0.25) > 0.5           # most end below their start
    assert np.mean(final < 0) >= 1 / 3           # at least a third end negative
    assert losses[-1] < losses[0] / 4            # while the network learns the moons
    # the recorded slopes are the layers' own parameters, not copies made elsewhere
    np.testing.assert_array_equal(final[:16], net[1].params["alpha"])


def test_the_prelu_figure_states_the_run(ns, prelu_runs):
    caption = cell_metadata("b2c0e004")["mystnb"]["figure"]["caption"]
    net, alphas, _ = prelu_runs[SEEDS[0]]
    assert f"{len(alphas) - 1} epochs" in caption and f"{alphas.shape[1]} slopes" in caption
    assert "2-16-16-1 network" in caption
