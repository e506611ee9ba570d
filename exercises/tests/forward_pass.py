from otter.test_files import test_case

OK_FORMAT = False

name = "forward_pass"
points = 3

@test_case(points=None, hidden=False)
def test_hidden_layer(z1, a1):
    import numpy as np
    from nnlib.grading import same
    x = np.array([1.0, 2.0])
    W1 = np.array([[0.5, -1.0, 0.25], [1.0, 0.5, -0.5]])
    b1 = np.array([0.1, 0.2, -0.3])
    z = x @ W1 + b1
    a = np.maximum(z, 0.0)
    same(z1, z, 'z1', reveal=False, mistakes=[('the bias b1 is missing', x @ W1)], hint='each entry is x1·W1[0, j] + x2·W1[1, j] + b1[j].')
    same(a1, a, 'a1', reveal=False, mistakes=[('ReLU was not applied: a1 equals z1', z)], hint='ReLU keeps positive numbers and turns negative ones into 0.')

@test_case(points=None, hidden=False)
def test_output(y_hat):
    import numpy as np
    from nnlib.grading import same
    x = np.array([1.0, 2.0])
    W1 = np.array([[0.5, -1.0, 0.25], [1.0, 0.5, -0.5]])
    b1 = np.array([0.1, 0.2, -0.3])
    W2 = np.array([1.0, -2.0, 0.5])
    z = x @ W1 + b1
    a = np.maximum(z, 0.0)
    same(y_hat, a @ W2 + 0.3, 'y_hat', reveal=False, mistakes=[('the output bias b2 = 0.3 is missing', a @ W2), ('z1 was used instead of the ReLU outputs a1', z @ W2 + 0.3)], hint='ŷ = a1 · W2 + b2.')

