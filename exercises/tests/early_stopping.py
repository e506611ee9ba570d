from otter.test_files import test_case

OK_FORMAT = False

name = "early_stopping"
points = 3

@test_case(points=None, hidden=False)
def test_early_stopping(early_stopping):
    import numpy as np
    from nnlib.grading import call, same

    def rule(losses, patience, ties_improve=False, extra=0, first=1):
        best, best_epoch, waited = (float('inf'), 0, 0)
        for epoch, loss in enumerate(losses, start=first):
            if loss < best or (ties_improve and loss == best):
                best, best_epoch, waited = (loss, epoch, 0)
            else:
                waited += 1
                if waited == patience + extra:
                    return (epoch, best_epoch)
        return (len(losses) - 1 + first, best_epoch)

    def mistakes(losses, patience):
        return [('training stops one epoch too early (off by one in the patience)', rule(losses, patience, extra=-1)), ('training stops one epoch too late (off by one in the patience)', rule(losses, patience, extra=1)), ('the epochs are numbered from 0 instead of 1', rule(losses, patience, first=0)), ('an equal loss counts as an improvement: it must be lower (<), not equal (<=)', rule(losses, patience, ties_improve=True))]
    for losses, patience in [([1.0, 0.8, 0.7, 0.75, 0.72, 0.71, 0.9, 0.95], 3), ([1.0, 0.8, 0.7, 0.75, 0.72, 0.71, 0.9, 0.95], 10), ([0.5, 0.5, 0.5, 0.4], 2)]:
        same(call(early_stopping, losses, patience, own_code=True), rule(losses, patience), f'early_stopping({losses}, patience={patience})', mistakes=mistakes(losses, patience), hint='an epoch improves only if its loss is lower than every loss before it; training stops after the patience-th epoch in a row without improvement, else after the last epoch.')

