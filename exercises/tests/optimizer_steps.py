from otter.test_files import test_case

OK_FORMAT = False

name = "optimizer_steps"
points = 4

@test_case(points=None, hidden=False)
def test_momentum(momentum_step):
    import numpy as np
    from nnlib.grading import call, same, unpack
    theta, grad, velocity = (np.array([1.0, -2.0]), np.array([0.5, 0.5]), np.array([0.1, -0.1]))
    new_v = 0.9 * velocity - 0.1 * grad
    new_theta, new_velocity = unpack(call(momentum_step, theta, grad, velocity, 0.1, 0.9, own_code=True), 2, 'momentum_step')
    same(new_velocity, new_v, 'the new velocity', mistakes=[('the gradient is added instead of subtracted (sign error)', 0.9 * velocity + 0.1 * grad), ('the old velocity is not decayed by the momentum μ', velocity - 0.1 * grad)])
    same(new_theta, theta + new_v, 'the new theta', mistakes=[('θ moves against the velocity (θ - v)', theta - new_v), ('θ moves by the old velocity, not the new one', theta + velocity)])

@test_case(points=None, hidden=False)
def test_adam_first_steps(adam_step):
    import numpy as np
    from nnlib.grading import call, same, unpack
    theta, grad = (np.array([1.0, -2.0]), np.array([0.5, -0.1]))
    t1, m1, v1 = unpack(call(adam_step, theta, grad, np.zeros(2), np.zeros(2), 1, own_code=True), 3, 'adam_step')
    same(m1, 0.1 * grad, 'm after the first step', mistakes=[('m is not decayed: it is β1·m + (1 - β1)·g', grad)])
    same(v1, 0.001 * grad ** 2, 'v after the first step', mistakes=[('v holds the gradient, not its square', 0.001 * grad)])
    same(t1, theta - 0.001 * grad / (np.abs(grad) + 1e-08), 'theta after the first step', mistakes=[('the bias correction is missing', theta - 0.001 * 0.1 * grad / (np.sqrt(0.001) * np.abs(grad) + 1e-08)), ('the step goes up the gradient (sign error)', theta + 0.001 * grad / (np.abs(grad) + 1e-08))], nonfinite_hint='with t = 1, 1 - β^t is not 0: is t counted from 1, and ε added after the square root?', hint='after the first step the bias-corrected m̂ / √v̂ is g / |g|: every parameter moves by η.')

