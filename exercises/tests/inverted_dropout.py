from otter.test_files import test_case

OK_FORMAT = False

name = "inverted_dropout"
points = 4

@test_case(points=None, hidden=False)
def test_dropout(dropout_forward, dropout_backward):
    import numpy as np
    from nnlib.grading import call, same, unpack
    a = np.ones((200, 100))
    out, mask = unpack(call(dropout_forward, a, 0.25, np.random.default_rng(0), own_code=True), 2, 'dropout_forward')
    mask, out = (np.asarray(mask, dtype=float), np.asarray(out, dtype=float))
    if mask.shape != a.shape:
        per = {(100,): 'feature (column)', (1, 100): 'feature (column)', (200, 1): 'sample (row)'}.get(mask.shape)
        assert per is None, f'mask has shape {mask.shape}: one draw per {per} drops whole columns or rows together; draw one number per entry of a, rng.random(a.shape).'
        assert False, f"mask has shape {mask.shape}, expected a's shape {a.shape}."
    kept = mask != 0
    same(round(1 - kept.mean(), 2), 0.25, 'the fraction of dropped entries (rounded)', atol=0.021, mistakes=[('rate is used as the probability to keep an entry, not to drop it', 0.75)])
    same(np.unique(mask[kept]), [1 / 0.75], "the mask's value for kept entries", mistakes=[('the kept entries are not scaled up by 1/(1 - rate)', [1.0]), ('the kept entries are scaled by 1/rate instead of 1/(1 - rate)', [1 / 0.25])])
    same(out, a * mask, 'out', hint='out = a * mask.')
    again = unpack(call(dropout_forward, a, 0.25, np.random.default_rng(0), own_code=True), 2, 'dropout_forward')[1]
    assert np.array_equal(np.asarray(again, dtype=float), mask), 'dropout_forward gives another mask for the same seed: draw with the rng passed in (rng.random), not with np.random or a generator of your own.'
    other = unpack(call(dropout_forward, a, 0.25, np.random.default_rng(1), own_code=True), 2, 'dropout_forward')[1]
    assert not np.array_equal(np.asarray(other, dtype=float), mask), 'dropout_forward gives the same mask whatever the rng: draw with the rng passed in, not a generator of your own.'
    g = np.arange(20000.0).reshape(200, 100)
    same(call(dropout_backward, g, mask, own_code=True), g * mask, 'dropout_backward(grad_out, mask)', mistakes=[('the mask is not applied in the backward pass', g), ('the gradient is multiplied by the keep pattern only, without the 1/(1 - rate) scale', g * kept)], hint='dropped entries pass no gradient; kept ones pass it scaled by 1/(1 - rate).')

