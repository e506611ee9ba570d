"""nnlib's gradients and optimizer updates against PyTorch (float64), when PyTorch is installed.

PyTorch is not a dependency: these tests skip on a machine without it.
"""

import numpy as np
import pytest

import nnlib
from nnlib import Dense
from nnlib.activations import ACTIVATIONS, activation_names

torch = pytest.importorskip("torch")

TWINS = {  # PyTorch's module for each activation that has one, from its hyperparameters
    "identity": lambda params: torch.nn.Identity(),
    "sigmoid": lambda params: torch.nn.Sigmoid(),
    "tanh": lambda params: torch.nn.Tanh(),
    "relu": lambda params: torch.nn.ReLU(),
    "leaky_relu": lambda params: torch.nn.LeakyReLU(negative_slope=params["alpha"]),
    "elu": lambda params: torch.nn.ELU(alpha=params["alpha"]),
}
HIDDEN = [name for name in activation_names(trainable=True, elementwise=True, aliases=False) if
          (ACTIVATIONS[name].alias_of or name) in TWINS]


def torch_twin(net):
    """The same network in PyTorch (float64), each Dense copied into a Linear."""
    modules = []
    for layer in net:
        if isinstance(layer, Dense):
            linear = torch.nn.Linear(*layer.params["W"].shape).double()
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(layer.params["W"].T))
                linear.bias.copy_(torch.from_numpy(layer.params["b"]))
            modules.append(linear)
        else:
            name = layer.activation.name
            modules.append(TWINS[ACTIVATIONS[name].alias_of or name](layer.activation.params))
    return torch.nn.Sequential(*modules)


def twin_networks(activation="tanh", seed=0):
    ours = nnlib.mlp([5, 7, 6, 3], activation, random_state=seed)
    return ours, torch_twin(ours)


def dense_pairs(ours, theirs):
    return zip([layer for layer in ours if isinstance(layer, Dense)],
               [module for module in theirs if isinstance(module, torch.nn.Linear)])


def data(seed=1):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((16, 5)), rng.integers(0, 3, 16)


def test_every_twin_is_an_activation_of_the_registry():
    assert set(TWINS) <= set(ACTIVATIONS)


@pytest.mark.parametrize("activation", HIDDEN)
def test_gradients_match_pytorch(activation):
    X, labels = data()
    ours, theirs = twin_networks(activation)
    loss = nnlib.CategoricalCrossEntropy()
    out = ours.forward(X)
    ours.backward(loss.gradient(out, np.eye(3)[labels]))
    torch.nn.functional.cross_entropy(theirs(torch.from_numpy(X)), torch.from_numpy(labels)).backward()
    for dense, linear in dense_pairs(ours, theirs):
        np.testing.assert_allclose(dense.grads["W"], linear.weight.grad.numpy().T, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(dense.grads["b"], linear.bias.grad.numpy(), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("ours, theirs", [
    (lambda: nnlib.SGD(0.1), lambda p: torch.optim.SGD(p, lr=0.1)),
    (lambda: nnlib.SGD(0.1, momentum=0.9), lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
    (lambda: nnlib.SGD(0.1, momentum=0.9, nesterov=True),
     lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True)),
    (lambda: nnlib.RMSprop(0.01, rho=0.9), lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9)),
    (lambda: nnlib.Adam(0.01), lambda p: torch.optim.Adam(p, lr=0.01)),
], ids=["sgd", "momentum", "nesterov", "rmsprop", "adam"])
@pytest.mark.parametrize("activation", ["tanh", "elu"])
def test_twenty_updates_match_pytorch(ours, theirs, activation):
    X, labels = data()
    net, twin = twin_networks(activation)
    nnlib.fit(net, X, np.eye(3)[labels], loss="categorical_cross_entropy", optimizer=ours(),
              epochs=20, shuffle=False)
    optimizer = theirs(twin.parameters())
    for _ in range(20):
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(twin(torch.from_numpy(X)), torch.from_numpy(labels)).backward()
        optimizer.step()
    for dense, linear in dense_pairs(net, twin):
        np.testing.assert_allclose(dense.params["W"], linear.weight.detach().numpy().T, rtol=1e-10, atol=1e-12)
