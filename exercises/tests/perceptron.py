from otter.test_files import test_case

OK_FORMAT = False

name = "perceptron"
points = 3

@test_case(points=None, hidden=False)
def test_neuron(neuron):
    import numpy as np
    from nnlib.feedback import call, same
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, 0.0]])
    w, b = (np.array([0.5, -0.25]), 0.1)
    same(call(neuron, X, w, b), 1 / (1 + np.exp(-(X @ w + b))), 'neuron(X, w, b)', mistakes=[('the bias b is missing', 1 / (1 + np.exp(-(X @ w)))), ('the sigmoid is missing (x·w + b itself)', X @ w + b)])

@test_case(points=None, hidden=False)
def test_perceptron_update(perceptron_update):
    import numpy as np
    from nnlib.feedback import call, same
    w, b, x = (np.array([0.5, -1.0]), 0.0, np.array([1.0, 1.0]))
    new_w, new_b = call(perceptron_update, w, b, x, 1, 0.1)
    same(new_w, [0.6, -0.9], 'w after a mistake on a positive sample', mistakes=[('the update went the wrong way (sign error)', [0.4, -1.1])])
    same(new_b, 0.1, 'b after a mistake on a positive sample', mistakes=[('the bias was not updated', 0.0), ('the update went the wrong way (sign error)', -0.1)])
    new_w, new_b = call(perceptron_update, w, b, x, 0, 0.1)
    same(new_w, w, 'w after a correct prediction', hint='a correctly classified sample changes nothing.')
    same(new_b, b, 'b after a correct prediction', hint='a correctly classified sample changes nothing.')

