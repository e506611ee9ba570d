from otter.test_files import test_case

OK_FORMAT = False

name = "optimizer_steps"
points = 4

@test_case(points=None, hidden=False)
def test_momentum(momentum_step):
    import numpy as np
    from nnlib.feedback import call, same
    theta, grad, velocity = (np.array([1.0, -2.0]), np.array([0.5, 0.5]), np.array([0.1, -0.1]))
    new_theta, new_velocity = call(momentum_step, theta, grad, velocity, 0.1, 0.9)
    same(new_velocity, 0.9 * velocity - 0.1 * grad, 'the new velocity', mistakes=[('the gradient is added instead of subtracted (sign error)', 0.9 * velocity + 0.1 * grad)])
    same(new_theta, theta + 0.9 * velocity - 0.1 * grad, 'the new theta', mistakes=[('θ moves against the velocity (θ - v)', theta - (0.9 * velocity - 0.1 * grad))])

@test_case(points=None, hidden=False)
def test_adam_first_steps(adam_step):
    import numpy as np
    from nnlib.feedback import call, same
    theta, grad = (np.array([1.0, -2.0]), np.array([0.5, -0.1]))
    t1, m1, v1 = call(adam_step, theta, grad, np.zeros(2), np.zeros(2), 1)
    same(m1, 0.1 * grad, 'm after the first step')
    same(v1, 0.001 * grad ** 2, 'v after the first step')
    same(t1, theta - 0.001 * grad / (np.abs(grad) + 1e-08), 'theta after the first step', mistakes=[('the bias correction is missing', theta - 0.001 * 0.1 * grad / (np.sqrt(0.001) * np.abs(grad) + 1e-08)), ('the step goes up the gradient (sign error)', theta + 0.001 * grad / (np.abs(grad) + 1e-08))], hint='after the first step the bias-corrected m̂ / √v̂ is g / |g|: every parameter moves by η.')

