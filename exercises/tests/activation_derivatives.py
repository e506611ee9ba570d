from otter.test_files import test_case

OK_FORMAT = False

name = "activation_derivatives"
points = 4

@test_case(points=None, hidden=False)
def test_derivatives(derivative):
    import numpy as np
    from nnlib.grading import call, same
    z = np.array([-3.0, -0.5, 0.0, 0.5, 3.0])
    s = 1 / (1 + np.exp(-z))
    same(call(derivative, 'sigmoid', z), s * (1 - s), "derivative('sigmoid', z)", mistakes=[('the sigmoid itself, not its derivative σ(z)(1 - σ(z))', s)])
    same(call(derivative, 'tanh', z), 1 - np.tanh(z) ** 2, "derivative('tanh', z)", mistakes=[('1 - tanh(z), without the square', 1 - np.tanh(z)), ('tanh itself, not its derivative', np.tanh(z))])
    same(call(derivative, 'relu', z), (z >= 0) * 1.0, "derivative('relu', z)", mistakes=[('the slope at z = 0 is 0: use the right-hand slope 1 there', (z > 0) * 1.0), ('ReLU itself, not its derivative', np.maximum(z, 0))], hint='the slope is 0 left of 0 and 1 from 0 on.')
    same(call(derivative, 'leaky_relu', z), np.where(z >= 0, 1.0, 0.01), "derivative('leaky_relu', z)", mistakes=[('the slope left of 0 is 0: for leaky ReLU it is α = 0.01', (z >= 0) * 1.0), ('the slope at z = 0 is α: use the right-hand slope 1 there', np.where(z > 0, 1.0, 0.01))], hint='left of 0 the slope is α = 0.01, from 0 on it is 1.')

@test_case(points=None, hidden=False)
def test_saturation(sigmoid_flat, tanh_flat):
    import numpy as np
    from nnlib.grading import same
    sigmoid_edge = np.log((1 + np.sqrt(0.96)) / (1 - np.sqrt(0.96)))
    tanh_edge = np.arctanh(np.sqrt(0.99))
    same(sigmoid_flat, sigmoid_edge, 'sigmoid_flat', atol=0.01, reveal=False, hint='solve σ(z)(1 - σ(z)) = 0.01 for σ, then z = ln(σ / (1 - σ)).')
    same(tanh_flat, tanh_edge, 'tanh_flat', atol=0.01, reveal=False, mistakes=[('the point where tanh(z) itself reaches 0.99, not where its slope falls to 0.01', np.arctanh(0.99))], hint='solve 1 - tanh(z)² = 0.01.')

