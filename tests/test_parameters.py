"""A model's parameter storage: one flat vector of parameters and one of gradients, the
layers' arrays views into them, rebuilt whenever the layers change."""

import copy
import pickle

import numpy as np
import pytest

import nnlib
from nnlib.parameters import ParameterStorage


def net(seed=0):
    return nnlib.Sequential([nnlib.Dense(3, 4, random_state=seed), nnlib.PReLU(4),
                             nnlib.Dense(4, 2, random_state=seed + 1)])


def test_layers_arrays_are_views_of_one_vector_weights_first():
    model = net()
    [params], [grads] = model.parameters(), model.gradients()
    dense_1, prelu, dense_2 = model.layers
    order = [dense_1.params["W"], dense_2.params["W"], dense_1.params["b"],
             prelu.params["alpha"], dense_2.params["b"]]  # penalized first, then the rest
    np.testing.assert_array_equal(params, np.concatenate([a.ravel() for a in order]))
    assert params.shape == (model.count_params(),)
    for layer in model.layers:
        for name in layer.params:
            assert np.shares_memory(layer.params[name], params)
            assert np.shares_memory(layer.grads[name], grads)
    [penalized] = model.storage().penalized
    assert penalized.shape == (3 * 4 + 4 * 2,)


def test_backward_writes_the_gradients_into_the_vector():
    model = net()
    X = np.random.default_rng(0).standard_normal((5, 3))
    model.forward(X, training=True)
    model.backward(np.ones((5, 2)), input_grad=False)
    [grads] = model.gradients()
    dense_2 = model.layers[2]
    np.testing.assert_array_equal(dense_2.grads["W"], dense_2.x.T @ np.ones((5, 2)))
    start = 3 * 4  # dense_2's W follows dense_1's W
    np.testing.assert_array_equal(grads[start:start + 8], dense_2.grads["W"].ravel())


def test_an_optimizer_step_on_the_vector_moves_every_layer():
    model = net()
    before = model.get_weights()
    [grads] = model.gradients()
    grads[...] = 1.0
    nnlib.SGD(0.5).step(model.parameters(), model.gradients())
    for old, new in zip(before, model.get_weights()):
        np.testing.assert_allclose(new, old - 0.5)


def test_freezing_rebuilds_the_storage_without_the_frozen_layer():
    model = net()
    model.freeze([0])
    [params] = model.parameters()
    assert params.shape == (model.count_params(trainable_only=True),)
    assert not np.shares_memory(model.layers[0].params["W"], params)
    model.unfreeze()
    assert model.parameters()[0].shape == (model.count_params(),)


def test_a_replaced_array_or_a_flipped_flag_makes_a_new_storage():
    model = net()
    storage = model.storage()
    model.layers[0].params["W"] = np.full((3, 4), 7.0)
    rebuilt = model.storage()
    assert rebuilt is not storage and np.shares_memory(model.layers[0].params["W"], rebuilt.params[0])
    np.testing.assert_array_equal(rebuilt.params[0][:12], 7.0)
    model.layers[1].trainable = False  # set by hand, not through freeze()
    assert model.storage() is not rebuilt
    assert not any(np.shares_memory(model.layers[1].params["alpha"], p) for p in model.parameters())
    assert model.storage() is model.storage()  # nothing changed: the same storage


@pytest.mark.parametrize("clone", [copy.deepcopy, lambda m: pickle.loads(pickle.dumps(m))])
def test_a_copy_or_a_pickle_gets_storage_of_its_own(clone):
    model = net()
    twin = clone(model)
    [params] = twin.parameters()
    for layer in twin.layers:
        for name in layer.params:
            assert np.shares_memory(layer.params[name], params)
    assert not np.shares_memory(params, model.parameters()[0])
    np.testing.assert_array_equal(params, model.parameters()[0])


def test_mixed_dtypes_keep_the_layers_arrays():
    model = net()
    model.layers[2].params["W"] = model.layers[2].params["W"].astype(np.float32)
    storage = ParameterStorage(model.layers)
    assert len(storage.params) == 5 and storage.params[1] is model.layers[2].params["W"]
    assert [p.shape for p in storage.penalized] == [(3, 4), (4, 2)]


def test_fit_trains_through_the_storage_and_keeps_the_views():
    X = np.random.default_rng(3).standard_normal((40, 3))
    y = np.eye(2)[(X[:, 0] > 0).astype(int)]
    model = net()
    [params] = model.parameters()
    nnlib.fit(model, X, y, loss="categorical_cross_entropy", optimizer="adam", epochs=3,
              batch_size=8, random_state=0, l2=0.01)
    assert model.parameters()[0] is params  # the same vector, trained in place
    assert np.shares_memory(model.layers[0].params["W"], params)
