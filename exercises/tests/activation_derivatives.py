from otter.test_files import test_case

OK_FORMAT = False

name = "activation_derivatives"
points = 4

@test_case(points=None, hidden=False)
def test_derivatives(derivative):
    import numpy as np
    from nnlib.feedback import call, same
    z = np.array([-3.0, -0.5, 0.0, 0.5, 3.0])
    s = 1 / (1 + np.exp(-z))
    same(call(derivative, 'sigmoid', z), s * (1 - s), "derivative('sigmoid', z)", mistakes=[('the sigmoid itself, not its derivative σ(z)(1 - σ(z))', s)])
    same(call(derivative, 'tanh', z), 1 - np.tanh(z) ** 2, "derivative('tanh', z)", mistakes=[('1 - tanh(z), without the square', 1 - np.tanh(z))])
    same(call(derivative, 'relu', z), [0, 0, 1, 1, 1], "derivative('relu', z)", hint='the slope is 0 left of 0 and 1 from 0 on.')
    same(call(derivative, 'leaky_relu', z), [0.01, 0.01, 1, 1, 1], "derivative('leaky_relu', z)", hint='left of 0 the slope is α = 0.01, not 0.')

@test_case(points=None, hidden=False)
def test_saturation(sigmoid_flat, tanh_flat):
    import numpy as np
    from nnlib.feedback import same
    same(sigmoid_flat, np.log((1 + np.sqrt(0.96)) / (1 - np.sqrt(0.96))), 'sigmoid_flat', atol=0.01, reveal=False, hint='solve σ(z)(1 - σ(z)) = 0.01 for σ, then z = ln(σ / (1 - σ)).')
    same(tanh_flat, np.arctanh(np.sqrt(0.99)), 'tanh_flat', atol=0.01, reveal=False, hint='solve 1 - tanh(z)² = 0.01.')

