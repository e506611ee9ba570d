from otter.test_files import test_case

OK_FORMAT = False

name = "softmax_cross_entropy"
points = 4

@test_case(points=None, hidden=False)
def test_softmax(softmax):
    import numpy as np
    from nnlib.grading import call, same
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    e = np.exp(z)
    same(call(softmax, z, own_code=True), e / e.sum(axis=1, keepdims=True), 'softmax(z)', mistakes=[('the normalisation runs down the columns (axis 0), not along each row', e / e.sum(axis=0, keepdims=True)), ('the whole batch is normalised at once, not each row', e / e.sum())], hint='each row must sum to 1.')
    same(call(softmax, np.array([[1000.0, 0.0]]), own_code=True), [[1.0, 0.0]], 'softmax of the logits [1000, 0]', nonfinite_hint="np.exp(1000) overflows: subtract each row's maximum before np.exp (the result does not change).")

@test_case(points=None, hidden=False)
def test_loss_and_gradient(cross_entropy, cross_entropy_gradient):
    import numpy as np
    from nnlib.grading import call, same
    z = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.2]])
    Y = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    loss = -np.mean(np.sum(Y * np.log(p), axis=1))
    same(call(cross_entropy, z, Y, own_code=True), loss, 'cross_entropy(z, Y)', mistakes=[('the loss is summed over the samples, not averaged', 2 * loss), ('the sign is flipped', -loss), ('the softmax is missing: log of the logits themselves', -np.mean(np.sum(Y * np.log(np.abs(z)), axis=1)))])
    same(call(cross_entropy_gradient, z, Y, own_code=True), (p - Y) / 2, 'cross_entropy_gradient(z, Y)', mistakes=[('the gradient is not divided by the number of samples n', p - Y), ('the sign is flipped: it is p - Y, not Y - p', (Y - p) / 2)])

