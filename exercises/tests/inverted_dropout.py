from otter.test_files import test_case

OK_FORMAT = False

name = "inverted_dropout"
points = 4

@test_case(points=None, hidden=False)
def test_dropout(dropout_forward, dropout_backward):
    import numpy as np
    from nnlib.feedback import call, same
    a = np.ones((200, 100))
    result = call(dropout_forward, a, 0.25, np.random.default_rng(0))
    assert isinstance(result, tuple) and len(result) == 2, 'dropout_forward should return (out, mask)'
    out, mask = result
    same(np.shape(mask), a.shape, 'the shape of mask')
    kept = np.asarray(mask) != 0
    same(round(1 - kept.mean(), 2), 0.25, 'the fraction of dropped entries (rounded)', atol=0.021, mistakes=[('rate is used as the probability to keep an entry, not to drop it', 0.75)])
    same(np.unique(np.asarray(mask)[kept]), [1 / 0.75], "the mask's value for kept entries", mistakes=[('the kept entries are not scaled up by 1/(1 - rate)', [1.0])])
    same(out, a * mask, 'out', hint='out = a * mask.')
    g = np.arange(20000.0).reshape(200, 100)
    same(call(dropout_backward, g, mask), g * mask, 'dropout_backward(grad_out, mask)', mistakes=[('the mask is not applied in the backward pass', g)], hint='dropped entries pass no gradient; kept ones pass it scaled by 1/(1 - rate).')

