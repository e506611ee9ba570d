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
    assert not viz.saturated_regions("leaky_relu", z, alpha=0.1).any()


def test_plot_activation_draws_function_derivative_and_shading():
    ax = viz.plot_activation("tanh", -4, 4)
    lines = ax.get_lines()
    z, f = lines[0].get_data()
    np.testing.assert_allclose(f, np.tanh(z))
    np.testing.assert_allclose(lines[1].get_ydata(), 1 - np.tanh(z) ** 2)
    assert ax.collections, "saturated regions are shaded"
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


def test_draw_network_colours_connections_by_weight_sign():
    weights = [np.array([[1.0, -2.0]]), np.array([[0.5], [-0.5]])]
    ax = viz.draw_network([1, 2, 1], weights=weights)
    colours = [line.get_color() for line in ax.get_lines()]
    assert len(colours) == 4
    assert colours.count(viz.COLORS[0]) == 2 and colours.count(viz.COLORS[1]) == 2
    widths = [line.get_linewidth() for line in ax.get_lines()]
    assert max(widths) == widths[1]  # |w| = 2 is the thickest


def test_draw_network_abbreviates_wide_layers():
    ax = viz.draw_network([3, 100, 2], max_neurons=6)
    assert len(ax.get_lines()) == 3 * 6 + 6 * 2


def test_panels_build_headless():
    widgets = pytest.importorskip("ipywidgets")
    from nnlib import widgets as panels
    for panel in (panels.activation_panel("elu"), panels.architecture_panel()):
        assert isinstance(panel, widgets.VBox)
        controls = panel.children[0].children
        assert controls and all(isinstance(c, widgets.ValueWidget) for c in controls)
