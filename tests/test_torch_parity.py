"""nnlib's gradients and optimizer updates against PyTorch (float64), when PyTorch is installed.

PyTorch is not a dependency: these tests skip on a machine without it.
"""

import numpy as np
import pytest

import nnlib
from nnlib import Activation, Dense, Sequential

torch = pytest.importorskip("torch")


def twin_networks(seed=0):
    sizes, acts = [5, 7, 6, 3], [("tanh", torch.nn.Tanh), ("elu", torch.nn.ELU)]
    ours, theirs = [], []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        dense, linear = Dense(a, b, random_state=seed + i), torch.nn.Linear(a, b).double()
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(dense.params["W"].T))
            linear.bias.copy_(torch.from_numpy(dense.params["b"]))
        ours.append(dense)
        theirs.append(linear)
        if i < len(acts):
            ours.append(Activation(acts[i][0]))
            theirs.append(acts[i][1]())
    return Sequential(ours), torch.nn.Sequential(*theirs)


def data(seed=1):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((16, 5)), rng.integers(0, 3, 16)


def test_gradients_match_pytorch():
    X, labels = data()
    ours, theirs = twin_networks()
    loss = nnlib.CategoricalCrossEntropy()
    out = ours.forward(X)
    ours.backward(loss.gradient(out, np.eye(3)[labels]))
    torch.nn.functional.cross_entropy(theirs(torch.from_numpy(X)), torch.from_numpy(labels)).backward()
    for dense, linear in zip(ours[::2], theirs[::2]):
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
def test_twenty_updates_match_pytorch(ours, theirs):
    X, labels = data()
    net, twin = twin_networks()
    nnlib.fit(net, X, np.eye(3)[labels], loss="categorical_cross_entropy", optimizer=ours(),
              epochs=20, shuffle=False)
    optimizer = theirs(twin.parameters())
    for _ in range(20):
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(twin(torch.from_numpy(X)), torch.from_numpy(labels)).backward()
        optimizer.step()
    for dense, linear in zip(net[::2], twin[::2]):
        np.testing.assert_allclose(dense.params["W"], linear.weight.detach().numpy().T, rtol=1e-10, atol=1e-12)
