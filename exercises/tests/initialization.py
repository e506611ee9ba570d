from otter.test_files import test_case

OK_FORMAT = False

name = "initialization"
points = 4

@test_case(points=None, hidden=False)
def test_layer_stds(layer_stds, make_weights, X_deep):
    import numpy as np
    from nnlib.feedback import call, same
    weights = make_weights('Xavier', depth=3)
    a, expected = (X_deep, [])
    for W in weights:
        a = np.tanh(a @ W)
        expected.append(a.std())
    same(call(layer_stds, weights, X_deep), expected, 'layer_stds for a 3-layer Xavier network', mistakes=[('tanh is missing: the layers are linear', [np.std(X_deep @ weights[0]), np.std(X_deep @ weights[0] @ weights[1]), np.std(X_deep @ weights[0] @ weights[1] @ weights[2])])])

@test_case(points=None, hidden=False)
def test_which_saturate_or_vanish(saturating, vanishing, make_weights, X_deep):
    import numpy as np
    from nnlib.feedback import choose
    inits = ['zeros', 'uniform [-1, 1]', 'Xavier', 'He']
    last = {}
    for init in inits:
        a = X_deep
        for W in make_weights(init):
            a = np.tanh(a @ W)
        last[init] = a
    choose(saturating, {i for i in inits if np.mean(np.abs(last[i]) > 0.9) > 0.5}, 'saturating', options=inits, hint='look at the fraction of |a| > 0.9 in the last layer of each network.')
    choose(vanishing, {i for i in inits if last[i].std() < 0.05}, 'vanishing', options=inits, hint='look at the standard deviation of the last layer of each network.')

