"""The training loop: batching, History, float32, freezing, seeds, early stopping, clipping, divergence."""

import math
import warnings

import numpy as np
import pytest

import nnlib
from nnlib import Dense, Dropout, EarlyStopping, Sequential, fit
from nnlib.clipping import clip_by_global_norm, clip_by_value, global_norm


def toy(n=40, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 3))
    y = np.eye(2)[(X[:, 0] + X[:, 1] > 0).astype(int)]
    return X, y


def small_net(seed=0, sizes=(3, 6, 2), activation="tanh"):
    return nnlib.mlp(sizes, activation, random_state=seed)


@pytest.mark.parametrize("batch_size, updates", [(None, 1), (1, 40), (16, 3), (40, 1), (100, 1)])
def test_number_of_updates_per_epoch(batch_size, updates):
    X, y = toy()
    opt = nnlib.SGD(0.1)
    fit(small_net(), X, y, loss="categorical_cross_entropy", optimizer=opt, epochs=2,
        batch_size=batch_size, random_state=0)
    assert opt.iterations == 2 * updates


def test_one_full_batch_step_is_gradient_descent_by_hand():
    X, _ = toy()
    target = X @ np.array([[1.0], [-2.0], [0.5]]) + 0.3
    net = Sequential([Dense(3, 1, random_state=0)])
    W0, b0 = net[0].params["W"].copy(), net[0].params["b"].copy()
    fit(net, X, target, loss="mse", optimizer=nnlib.SGD(0.05), epochs=1)
    residual = X @ W0 + b0 - target                   # dMSE/dyhat = 2 r / n
    grad_W = X.T @ (2 * residual / len(X))
    grad_b = np.sum(2 * residual / len(X), axis=0)
    np.testing.assert_allclose(net[0].params["W"], W0 - 0.05 * grad_W, rtol=1e-13)
    np.testing.assert_allclose(net[0].params["b"], b0 - 0.05 * grad_b, rtol=1e-13)


def test_epoch_loss_is_the_size_weighted_mean_of_batch_losses():
    X, y = toy(n=10)
    net = small_net()
    before = net.get_weights()
    history = fit(net, X, y, loss="categorical_cross_entropy", optimizer=nnlib.SGD(0.5),
                  epochs=1, batch_size=4, shuffle=False)
    replay = small_net()
    replay.set_weights(before)
    loss, opt, total = nnlib.CategoricalCrossEntropy(), nnlib.SGD(0.5), 0.0
    for start in (0, 4, 8):
        xb, yb = X[start:start + 4], y[start:start + 4]
        out = replay.forward(xb, training=True)
        total += float(loss.loss(out, yb)) * len(xb)
        replay.backward(loss.gradient(out, yb))
        opt.step(replay.parameters(), replay.gradients())
    assert history["loss"] == [pytest.approx(total / 10, rel=1e-14)]


@pytest.mark.parametrize("optimizer", [lambda: nnlib.SGD(0.1, momentum=0.9), lambda: nnlib.RMSprop(0.01),
                                       lambda: nnlib.Adam(0.01)])
def test_float32_stays_float32_through_a_fit(optimizer):
    X, y = toy()
    X, y = X.astype(np.float32), y.astype(np.float32)
    net = nnlib.mlp([3, 8, 2], "relu", dropout=0.2, random_state=0).to(dtype=np.float32)
    fit(net, X, y, loss="categorical_cross_entropy", optimizer=optimizer(), epochs=3, batch_size=8,
        random_state=0, l2=0.01, clip_norm=1.0, validation_data=(X, y))
    assert all(p.dtype == np.float32 for p in net.get_weights())
    assert all(g.dtype == np.float32 for g in net.gradients())
    assert net.forward(X).dtype == np.float32


def test_frozen_parameters_stay_bit_identical():
    X, y = toy()
    net = small_net(sizes=(3, 6, 6, 2)).freeze([0])
    frozen = [p.copy() for p in net[0].params.values()]
    trainable = [p.copy() for p in net[2].params.values()]
    fit(net, X, y, loss="categorical_cross_entropy", optimizer=nnlib.Adam(0.05), epochs=5,
        batch_size=8, random_state=0, l2=0.1)
    for before, now in zip(frozen, net[0].params.values()):
        assert np.array_equal(before, now)
    assert not np.array_equal(trainable[0], net[2].params["W"])
    net.unfreeze()
    fit(net, X, y, loss="categorical_cross_entropy", optimizer=nnlib.Adam(0.05), epochs=1)
    assert not np.array_equal(frozen[0], net[0].params["W"])


def test_parameter_counts_and_summary_of_the_iris_network():
    net = small_net(sizes=(4, 20, 30, 25, 3), activation="relu")
    total = 4 * 20 + 20 + 20 * 30 + 30 + 30 * 25 + 25 + 25 * 3 + 3
    assert net.count_params() == total == 1583
    net.freeze([0, 2])
    assert net.count_params(trainable_only=True) == 30 * 25 + 25 + 25 * 3 + 3
    text = net.summary(input_shape=(4,))
    assert "total parameters: 1,583" in text
    assert "trainable: 853   frozen: 730" in text
    assert "(20,)" in text and "Dense(4, 20)" in text


def test_same_seed_same_weights_different_seed_different_weights():
    X, y = toy()

    def run(seed):
        net = small_net(seed=seed)
        fit(net, X, y, loss="categorical_cross_entropy", optimizer="adam", epochs=3, batch_size=8,
            random_state=seed)
        return net.get_weights()

    assert all(np.array_equal(a, b) for a, b in zip(run(3), run(3)))
    assert not np.array_equal(run(3)[0], run(4)[0])


class FakeModel:
    def __init__(self):
        self.epoch, self.restored = None, None

    def get_weights(self):
        return [self.epoch]

    def set_weights(self, weights):
        self.restored = weights[0]


def drive(stopper, values):
    model = FakeModel()
    for epoch, value in enumerate(values):
        model.epoch = epoch
        if stopper.update(epoch, value, model):
            return epoch, model
    return None, model


def test_patience_counts_epochs_without_improvement_exactly():
    stopped, _ = drive(EarlyStopping(monitor="loss", patience=3), [5, 4, 4, 4, 4, 4, 4])
    assert stopped == 4  # epochs 2, 3, 4 did not improve on epoch 1: stop after the third


def test_min_delta_and_mode_max_and_restore():
    stopper = EarlyStopping(monitor="val_loss", patience=2, min_delta=0.5)
    stopped, model = drive(stopper, [10, 9.8, 9.7, 9.0])
    assert stopped == 2 and stopper.best_epoch == 2  # tiny gains do not reset patience
    stopper.restore(model)
    assert model.restored == 2
    stopper = EarlyStopping(monitor="val_accuracy", patience=2)
    assert stopper.mode == "max"
    stopped, _ = drive(stopper, [0.5, 0.7, 0.6, 0.7])
    assert stopped == 3 and stopper.best == 0.7 and stopper.best_epoch == 1


def test_early_stopping_restores_the_best_weights_in_fit():
    rng = np.random.default_rng(1)
    X, y = rng.standard_normal((30, 3)), np.eye(2)[rng.integers(0, 2, 30)]  # labels are noise
    Xv, yv = rng.standard_normal((30, 3)), np.eye(2)[rng.integers(0, 2, 30)]
    net = small_net(sizes=(3, 32, 2))
    stopper = EarlyStopping(patience=5)
    history = fit(net, X, y, loss="categorical_cross_entropy", optimizer=nnlib.Adam(0.05),
                  epochs=300, validation_data=(Xv, yv), early_stopping=stopper)
    assert history.stopped_early and history.epochs < 300
    assert history.best_epoch == int(np.argmin(history["val_loss"]))
    val_loss = float(nnlib.CategoricalCrossEntropy().loss(net.forward(Xv), yv))
    assert val_loss == pytest.approx(min(history["val_loss"]), abs=1e-12)


def test_early_stopping_on_an_unrecorded_key_is_a_clear_error():
    X, y = toy()
    with pytest.raises(ValueError, match="validation_data"):
        fit(small_net(), X, y, loss="categorical_cross_entropy", epochs=2,
            early_stopping=EarlyStopping(monitor="val_loss"))


def test_clipping_by_value_and_by_global_norm():
    grads = [np.array([3.0, -4.0]), np.array([[12.0]])]
    assert all(np.all(np.abs(g) <= 2.0) for g in clip_by_value(grads, 2.0))
    assert global_norm(grads) == pytest.approx(13.0)
    clipped, norm = clip_by_global_norm(grads, 6.5)
    assert norm == pytest.approx(13.0) and global_norm(clipped) == pytest.approx(6.5)
    np.testing.assert_allclose(clipped[0], grads[0] / 2)  # same direction
    unchanged, _ = clip_by_global_norm(grads, 20.0)
    assert all(np.array_equal(a, b) for a, b in zip(unchanged, grads))


def test_clip_norm_bounds_every_update():
    X, y = toy()
    net = small_net()
    steps = []
    opt = nnlib.SGD(1.0)
    original_step = opt.step

    def recording_step(params, grads):
        before = np.concatenate([p.ravel() for p in params])
        original_step(params, grads)
        steps.append(np.linalg.norm(np.concatenate([p.ravel() for p in params]) - before))

    opt.step = recording_step
    epochs, batch_size = 3, 5
    fit(net, X * 100, y, loss="categorical_cross_entropy", optimizer=opt, epochs=epochs,
        batch_size=batch_size, clip_norm=0.1, random_state=0)
    assert len(steps) == epochs * math.ceil(len(X) / batch_size) and max(steps) <= 0.1 + 1e-12


def _diverging_setup():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((50, 3)) * 10
    y = X @ np.array([[5.0], [-3.0], [2.0]]) * 100
    return nnlib.mlp([3, 16, 1], "relu", random_state=0), X, y


def test_divergence_raises_and_leaves_finite_weights():
    net, X, y = _diverging_setup()
    with pytest.raises(nnlib.DivergenceError, match=r"diverged.*learning rate"):
        fit(net, X, y, loss="mse", optimizer=nnlib.SGD(1e6), epochs=20, batch_size=10)
    assert all(np.all(np.isfinite(p)) for p in net.get_weights())


def test_divergence_can_warn_and_return_the_history():
    net, X, y = _diverging_setup()
    with pytest.warns(nnlib.DivergenceWarning, match="diverged"):
        history = fit(net, X, y, loss="mse", optimizer=nnlib.SGD(1e6), epochs=20, batch_size=10,
                      on_divergence="warn")
    assert history.diverged and history.epochs < 20
    assert all(math.isfinite(v) for v in history["loss"])
    assert all(np.all(np.isfinite(p)) for p in net.get_weights())


@pytest.mark.parametrize("kwargs, name", [
    ({"batch_size": 0}, "batch_size"), ({"batch_size": -1}, "batch_size"),
    ({"batch_size": 2.5}, "batch_size"), ({"epochs": -1}, "epochs"),
    ({"loss": "hinge"}, "loss"), ({"optimizer": "adagrad"}, "solver"),
    ({"l2": -1.0}, "l2"), ({"clip_norm": 0}, "clip_norm"), ({"clip_value": -1}, "clip_value"),
    ({"on_divergence": "ignore"}, "on_divergence"),
])
def test_bad_arguments_name_the_argument(kwargs, name):
    X, y = toy()
    arguments = {"loss": "categorical_cross_entropy", **kwargs}
    with pytest.raises(ValueError, match=name):
        fit(small_net(), X, y, **arguments)


def test_bad_data():
    X, y = toy()
    with pytest.raises(ValueError, match="samples"):
        fit(small_net(), X, y[:-1], loss="categorical_cross_entropy")
    with pytest.raises(ValueError, match="at least one sample"):
        fit(small_net(), X[:0], y[:0], loss="categorical_cross_entropy")
    bad = X.copy()
    bad[2, 1] = np.nan
    with pytest.raises(ValueError, match="X contains NaN"):
        fit(small_net(), bad, y, loss="categorical_cross_entropy")
    with pytest.raises(ValueError, match="y contains NaN"):
        fit(small_net(), X, np.where(y > 0, np.inf, 0.0), loss="categorical_cross_entropy")


def test_progress_bar_runs(capsys):
    X, y = toy()
    history = fit(small_net(), X, y, loss="categorical_cross_entropy", epochs=3, progress=True)
    assert history.epochs == 3


def test_dropout_only_while_training():
    X, _ = toy()
    net = Sequential([Dense(3, 50, random_state=0), Dropout(0.5, random_state=0), Dense(50, 2, random_state=1)])
    assert np.array_equal(net.forward(X), net.forward(X))
    assert not np.array_equal(net.forward(X, training=True), net.forward(X, training=True))


def test_history_records_validation_metrics_and_learning_rate():
    X, y = toy()
    accuracy = {"accuracy": lambda out, t: np.mean(out.argmax(1) == t.argmax(1))}
    epochs = 4
    history = fit(small_net(), X, y, loss="categorical_cross_entropy",
                  optimizer=nnlib.SGD(nnlib.ExponentialDecay(0.5, 0.1)), epochs=epochs,
                  validation_data=(X, y), metrics=accuracy)
    assert len(history["val_accuracy"]) == epochs and 0 <= history["val_accuracy"][-1] <= 1
    np.testing.assert_allclose(history["lr"], 0.5 * np.exp(-0.1 * np.arange(epochs)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        repr(history)


def test_dense_names_the_expected_input_shape():
    with pytest.raises(ValueError, match=r"Dense\(3, 6\) takes a batch of shape \(n, 3\), got \(2, 4\)"):
        small_net().forward(np.zeros((2, 4)))
    assert small_net().forward([[0.0, 1.0, 2.0]]).shape == (1, 2)  # lists are fine
