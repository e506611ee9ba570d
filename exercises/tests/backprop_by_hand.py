from otter.test_files import test_case

OK_FORMAT = False

name = "backprop_by_hand"
points = 4

@test_case(points=None, hidden=False)
def test_output_layer(dW2, db2):
    import numpy as np
    from nnlib.grading import same
    x, y = (np.array([0.5, -1.0]), 1.0)
    W1, b1 = (np.array([[0.2, -0.4], [0.7, 0.1]]), np.array([0.0, 0.1]))
    W2, b2 = (np.array([0.6, -0.3]), 0.05)
    h = 1 / (1 + np.exp(-(x @ W1 + b1)))
    d_out = 2 * (h @ W2 + b2 - y)
    same(dW2, d_out * h, 'dW2', reveal=False, mistakes=[('the factor 2 of d(ŷ - y)²/dŷ is missing', d_out / 2 * h), ('the sign is flipped', -d_out * h)])
    same(db2, d_out, 'db2', reveal=False, mistakes=[('the factor 2 is missing', d_out / 2), ('the sign is flipped', -d_out)])

@test_case(points=None, hidden=False)
def test_hidden_layer(dW1, db1):
    import numpy as np
    from nnlib.grading import same
    x, y = (np.array([0.5, -1.0]), 1.0)
    W1, b1 = (np.array([[0.2, -0.4], [0.7, 0.1]]), np.array([0.0, 0.1]))
    W2, b2 = (np.array([0.6, -0.3]), 0.05)
    h = 1 / (1 + np.exp(-(x @ W1 + b1)))
    d_out = 2 * (h @ W2 + b2 - y)
    d_z1 = d_out * W2 * h * (1 - h)
    same(db1, d_z1, 'db1', reveal=False, mistakes=[('the derivative of the sigmoid, h(1 - h), is missing', d_out * W2), ('the factor 2 is missing', d_z1 / 2), ('the sign is flipped', -d_z1)])
    same(dW1, np.outer(x, d_z1), 'dW1', reveal=False, mistakes=[('dW1 is transposed: row i should belong to input x_i', np.outer(d_z1, x)), ('the derivative of the sigmoid, h(1 - h), is missing', np.outer(x, d_out * W2)), ('the factor 2 is missing', np.outer(x, d_z1 / 2))])

