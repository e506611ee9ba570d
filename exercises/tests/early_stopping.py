from otter.test_files import test_case

OK_FORMAT = False

name = "early_stopping"
points = 3

@test_case(points=None, hidden=False)
def test_early_stopping(early_stopping):
    import numpy as np
    from nnlib.feedback import call, same
    losses = [1.0, 0.8, 0.7, 0.75, 0.72, 0.71, 0.9, 0.95]
    same(call(early_stopping, losses, 3), (6, 3), 'early_stopping(losses, patience=3)', mistakes=[('training stops one epoch too early (off by one in the patience)', (5, 3)), ('training stops one epoch too late (off by one in the patience)', (7, 3)), ('the epochs are numbered from 0 instead of 1', (5, 2))], hint='epochs 4, 5 and 6 fail to beat 0.7: the third failure ends training after epoch 6.')
    same(call(early_stopping, losses, 10), (8, 3), 'early_stopping(losses, patience=10)', hint='if the patience never runs out, training ends after the last epoch.')

