"""The plotting helpers and the panels built on them, run headless."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib import viz  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_saturated_regions_follow_the_derivative():
    z = np.array([-10.0, -3.0, 0.0, 3.0, 10.0])
    # sigmoid'(z) = s(1 - s): 0.25 at 0, ~4.5e-5 at ±10, ~0.045 at ±3 (18% of the peak)
    np.testing.assert_array_equal(viz.saturated_regions("sigmoid", z), [True, False, False, False, True])
    # ReLU has zero slope for every negative input and full slope for positive ones
    np.testing.assert_array_equal(viz.saturated_regions("relu", z), [True, True, True, False, False])
    # leaky ReLU's slope alpha is small but never fades, however negative the input: no
    # saturation even at alpha = 0.01 (1% of the peak, under the 5% threshold)
    assert not viz.saturated_regions("leaky_relu", z, alpha=0.1).any()
    assert not viz.saturated_regions("leaky_relu", z, alpha=0.01).any()
    # ELU's slope alpha e^z does fade: under 5% of its peak 1 for z < ln 0.05 = -2.996
    np.testing.assert_array_equal(viz.saturated_regions("elu", z), [True, True, False, False, False])
    np.testing.assert_array_equal(viz.saturated_regions("elu", [-2.99, -3.0, 0.0]), [False, True, False])
    assert not viz.saturated_regions("identity", z).any()


def test_plot_activation_draws_function_derivative_and_shading():
    ax = viz.plot_activation("tanh", -4, 4)
    lines = ax.get_lines()
    z, f = lines[0].get_data()
    np.testing.assert_allclose(f, np.tanh(z))
    np.testing.assert_allclose(lines[1].get_ydata(), 1 - np.tanh(z) ** 2)
    assert ax.collections, "saturated regions are shaded"
    # the legend's "saturated" swatch stays visible where the legend sits on the grey band:
    # an opaque white legend box, and the band has an edge darker than its fill
    from matplotlib.colors import to_rgba
    legend = ax.get_legend()
    assert legend.get_frame_on() and legend.get_frame().get_facecolor() == to_rgba("white")
    band = ax.collections[0]
    assert sum(band.get_edgecolor()[0][:3]) < sum(band.get_facecolor()[0][:3]) - 0.9
    assert viz.plot_activation("relu", derivative=False, shade_saturation=False).get_lines()[0]
    with pytest.raises(ValueError, match="softmax"):
        viz.plot_activation("softmax")


def test_plot_decision_boundary_for_an_estimator_and_a_function():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    y = np.array([0, 0, 1, 1])
    ax = viz.plot_decision_boundary(lambda p: (p[:, 0] > 0.5).astype(int), X, y, resolution=20)
    assert len(ax.collections) >= 3  # filled regions + one scatter per class
    assert ax.get_xlim()[0] < 0 and ax.get_xlim()[1] > 1


def test_plot_loss_curves_one_line_per_curve():
    ax = viz.plot_loss_curves({"SGD": [3, 2, 1], "Adam": [3, 1, 0.5]}, log=True)
    assert [line.get_label() for line in ax.get_lines()] == ["SGD", "Adam"]
    assert ax.get_yscale() == "log"


def test_layer_parameter_counts_of_the_iris_network():
    counts = viz.layer_parameter_counts([4, 20, 30, 25, 3])
    assert counts == [(4, 20, 80, 20), (20, 30, 600, 30), (30, 25, 750, 25), (25, 3, 75, 3)]
    assert sum(w + b for *_, w, b in counts) == 1583
    with pytest.raises(ValueError, match="layer_sizes"):
        viz.layer_parameter_counts([4])
    with pytest.raises(ValueError, match="layer_sizes"):
        viz.layer_parameter_counts([4, 0, 3])


def connections(ax):
    """The LineCollection of a network drawing's connections."""
    from matplotlib.collections import LineCollection
    (lines,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    return lines


def test_draw_network_colours_connections_by_weight_sign():
    from matplotlib.colors import to_hex
    weights = [np.array([[1.0, -2.0]]), np.array([[0.5], [-0.5]])]
    lines = connections(viz.draw_network([1, 2, 1], weights=weights))
    colours = [to_hex(c) for c in lines.get_colors()]
    assert len(lines.get_segments()) == 4
    assert colours == [viz.COLORS[0].lower(), viz.COLORS[1].lower(), viz.COLORS[0].lower(), viz.COLORS[1].lower()]
    widths = list(lines.get_linewidths())
    assert max(widths) == widths[1]  # |w| = 2 is the thickest


def test_draw_network_abbreviates_wide_layers():
    ax = viz.draw_network([3, 100, 2], max_neurons=6)
    assert len(connections(ax).get_segments()) == 3 * 6 + 6 * 2


def test_draw_functions_describe_what_they_draw():
    from nnlib import widgets as panels
    fig, ax = plt.subplots()
    text = panels.draw_architecture(ax, n_inputs=4, n_hidden_layers=2, width=4, n_outputs=3)
    assert "2 hidden layers of 4 neurons and 3 outputs" in text and "20 + 20 + 15; 55 in total" in text
    assert ax.get_title().startswith("4 → 4 → 4 → 3: 55 parameters")
    ax.clear()
    text = panels.draw_architecture(ax, network="Iris, chapter 12 (4-20-30-25-3)")
    assert "3 hidden layers of 20, 30 and 25 neurons" in text and "1,583 in total" in text
    assert ax.get_title().startswith("4 → 20 → 30 → 25 → 3: 1,583 parameters")
    ax.clear()
    text = panels.draw_activation(ax, "sigmoid", z_max=10.0)
    share = viz.saturated_regions("sigmoid", np.linspace(-10, 10, 801)).mean()
    assert f"{share:.0%} of the inputs shaded as saturated" in text
    ax.clear()
    assert "α = 0.3" in panels.draw_activation(ax, "leaky_relu", alpha=0.3)
    ax.clear()
    assert "α" not in panels.draw_activation(ax, "tanh", alpha=0.3)  # tanh takes no α
    ax.clear()
    assert "no region shaded" in panels.draw_activation(ax, "step")
    plt.close(fig)


def test_choice_rejects_a_start_value_it_does_not_offer():
    from nnlib.widgets import Choice
    with pytest.raises(ValueError, match="not among"):
        Choice("rate", [0.1, 1.0], 0.5)
    with pytest.raises(ValueError, match="kind"):
        Choice("rate", [0.1], kind="knob")


def test_learning_rate_panel_offers_rates_on_both_sides_of_the_limit():
    from nnlib.experiments import descend_bowl
    from nnlib.widgets import learning_rate_panel
    rates = learning_rate_panel().controls["learning_rate"].values
    below, above = max(r for r in rates if r < 0.2), min(r for r in rates if r > 0.2)
    assert above / below < 1.2  # close to the limit on both sides
    assert descend_bowl("SGD", "constant", below)[2] is None  # in the panel's 40 steps
    assert descend_bowl("SGD", "constant", above)[2] is not None


def test_initialization_readout_says_what_the_histograms_show():
    # the computations are tested in test_experiments.py; here the panel's words
    from nnlib.experiments import layer_signals
    from nnlib.panels.initialization import INITIALIZATIONS, N_SAMPLES, WIDTH, _initialization_readout

    def readout(init, activation, depth=10):
        activations, gradients, _ = layer_signals(INITIALIZATIONS[init], activation, depth, WIDTH,
                                                  N_SAMPLES)
        return activations, _initialization_readout(activations, gradients, activation)

    # Xavier with tanh over 10 layers: the spread falls by more than half: not "kept"
    activations, words = readout("Xavier", "tanh")
    assert np.std(activations[-1]) / np.std(activations[0]) < 0.5 and "(they shrink)" in words
    activations, words = readout("zeros", "tanh", depth=3)
    assert all(np.all(a == 0) for a in activations) and "copies of each other" in words
    assert "on the way back they vanish" in readout("Xavier", "sigmoid")[1]
