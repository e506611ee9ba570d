from otter.test_files import test_case

OK_FORMAT = False

name = "dense_layer"
points = 4

@test_case(points=None, hidden=False)
def test_forward(dense_forward):
    import numpy as np
    from nnlib.grading import call, same
    rng = np.random.default_rng(0)
    x, W, b = (rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2))
    same(call(dense_forward, x, W, b, own_code=True), x @ W + b, 'dense_forward(x, W, b)', mistakes=[('the bias b is missing', x @ W)])

@test_case(points=None, hidden=False)
def test_backward(dense_backward):
    import numpy as np
    from nnlib.grading import call, same, unpack
    rng = np.random.default_rng(1)
    x, W, g = (rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=(4, 2)))
    grad_x, grad_W, grad_b = unpack(call(dense_backward, x, W, g, own_code=True), 3, 'dense_backward')
    same(grad_x, g @ W.T, 'grad_x', mistakes=[("grad_x is transposed: it must have x's shape", (g @ W.T).T)])
    same(grad_W, x.T @ g, 'grad_W', mistakes=[("grad_W is transposed: it must have W's shape", (x.T @ g).T), ('grad_W is averaged over the batch instead of summed', x.T @ g / 4)])
    same(grad_b, g.sum(axis=0), 'grad_b', mistakes=[('grad_b is averaged instead of summed over the batch', g.mean(axis=0)), ('grad_b is summed over the neurons (axis 1), not the samples', g.sum(axis=1))], hint='grad_b has one entry per neuron: sum δ over the samples (axis 0).')

