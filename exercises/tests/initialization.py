from otter.test_files import test_case

OK_FORMAT = False

name = "initialization"
points = 4

@test_case(points=None, hidden=False)
def test_layer_stds(layer_stds):
    import numpy as np
    from nnlib.grading import call, same
    rng = np.random.default_rng(0)
    weights = [np.sqrt(1 / 64) * rng.normal(size=(64, 64)) for _ in range(3)]
    X = np.random.default_rng(1).normal(size=(500, 64))
    a, expected, linear = (X, [], [X])
    for W in weights:
        a = np.tanh(a @ W)
        expected.append(a.std())
        linear.append(linear[-1] @ W)
    same(call(layer_stds, weights, X), expected, 'layer_stds for a 3-layer Xavier network', mistakes=[('tanh is missing: the layers are linear', [np.std(h) for h in linear[1:]]), ("the input's standard deviation is included as a first entry", [X.std()] + expected[:-1])], hint="one number per layer: the standard deviation of all entries of that layer's activations tanh(a W).")

@test_case(points=None, hidden=False)
def test_which_saturate_or_vanish(saturating, vanishing):
    import numpy as np
    from nnlib.grading import choose
    inits = ['zeros', 'uniform [-1, 1]', 'Xavier', 'He']
    X, last = (np.random.default_rng(1).normal(size=(500, 64)), {})
    for init in inits:
        rng, a = (np.random.default_rng(0), X)
        for _ in range(10):
            if init == 'uniform [-1, 1]':
                W = rng.uniform(-1, 1, (64, 64))
            else:
                W = {'zeros': 0.0, 'Xavier': np.sqrt(1 / 64), 'He': np.sqrt(2 / 64)}[init] * rng.normal(size=(64, 64))
            a = np.tanh(a @ W)
        last[init] = a
    choose(saturating, {i for i in inits if np.mean(np.abs(last[i]) > 0.9) > 0.5}, 'saturating', options=inits, hint='look at the fraction of |a| > 0.9 in the last layer of each network.')
    choose(vanishing, {i for i in inits if last[i].std() < 0.05}, 'vanishing', options=inits, hint='look at the standard deviation of the last layer of each network.')

