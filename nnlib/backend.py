"""Array backends: which array library the inputs come from, and moving data between them.

nnlib's core is written once against the `array API standard
<https://data-apis.org/array-api/>`_. Every function asks its inputs for their
namespace ``xp`` (NumPy by default, CuPy on a GPU, or any library that follows the
standard) and calls ``xp.exp``, ``xp.matmul``... on it, so the same lines of code run
on every backend.
"""

import functools
import importlib

import numpy as np
import array_api_compat

from .validation import check

__all__ = ["array_namespace", "get_namespace", "device", "to_numpy", "asarray", "is_numpy",
           "as_array", "accepts_array_like", "has_views", "is_sparse", "all_finite",
           "squared_norm"]

BACKENDS = ("numpy", "cupy", "array_api_strict", "torch")
"""The libraries :func:`get_namespace` knows by name (each is imported under that name)."""


# NumPy 2.1 and later follow the standard themselves: calling them directly skips a
# wrapper per call, which is most of the time of a call on small arrays
_NUMPY = np if getattr(np, "__array_api_version__", "") >= "2023.12" \
    else array_api_compat.array_namespace(np.empty(0))


def array_namespace(*arrays):
    """Return the array-API namespace ``xp`` shared by ``arrays``.

    Python scalars and ``None`` are ignored; with no arrays at all, NumPy's namespace
    is returned.
    """
    for a in arrays:  # the common case, all NumPy, answered without array-api-compat's checks
        if type(a) is not np.ndarray:
            break
    else:
        return _NUMPY
    arrays = [a for a in arrays if a is not None and not isinstance(a, (int, float, bool))]
    if not arrays:
        return _NUMPY
    return array_api_compat.array_namespace(*arrays)


def as_array(x):
    """``x`` itself if it is an array of any array-API library; otherwise (a list, a
    Python number) a NumPy array, of float64 unless it already holds floats. SciPy
    sparse matrices pass through unchanged (a Dense layer multiplies them as they are)."""
    if type(x) is np.ndarray or array_api_compat.is_array_api_obj(x) or is_sparse(x):
        return x
    x = np.asarray(x)
    return x if np.issubdtype(x.dtype, np.floating) else x.astype(np.float64)


def all_finite(arrays):
    """True when every entry of every array of ``arrays`` is a finite number (no NaN or infinity)."""
    arrays = list(arrays)
    if not arrays:
        return True
    xp = array_namespace(*arrays)
    return all(bool(xp.all(xp.isfinite(a))) for a in arrays)


def squared_norm(a):
    r""":math:`\lVert a \rVert^2`, the sum of the squared entries, as one dot product (on
    NumPy arrays ``np.vdot``: the very number scikit-learn computes)."""
    if isinstance(a, np.ndarray):
        return float(np.vdot(a, a))
    xp = array_namespace(a)
    flat = xp.reshape(a, (-1,))
    return float(xp.vecdot(flat, flat))


def is_sparse(x):
    """True for a SciPy sparse matrix or array (checked without importing SciPy)."""
    return type(x).__module__.startswith("scipy.sparse")


def accepts_array_like(function):
    """Decorator: the first argument may be a list or a number, as well as an array."""
    @functools.wraps(function)
    def wrapper(x, *args, **kwargs):
        return function(as_array(x), *args, **kwargs)
    return wrapper


def get_namespace(name):
    """Return the array-API namespace of the library called ``name``.

    Parameters
    ----------
    name : {"numpy", "cupy", "array_api_strict"} or module
        The backend to use. A module that is already an array namespace is returned
        wrapped by array-api-compat.

    Raises
    ------
    ImportError
        If the library is not installed, with the command that installs it.
    """
    if not isinstance(name, str):
        return array_api_compat.array_namespace(name.asarray([0.0]))
    check(name, "backend", set(BACKENDS))
    try:
        module = importlib.import_module(name)
    except ImportError as error:
        hint = "pip install -e .[gpu]" if name == "cupy" else f"pip install {name}"
        raise ImportError(
            f"backend {name!r} was asked for but {name} is not installed ({hint})"
        ) from error
    return array_api_compat.array_namespace(module.asarray([0.0]))


def device(x):
    """Return the device ``x`` lives on (``"cpu"`` for NumPy arrays)."""
    return array_api_compat.device(x)


def has_views(xp):
    """True when slicing an array of ``xp`` returns a view that shares its memory (NumPy, CuPy)."""
    return array_api_compat.is_numpy_namespace(xp) or array_api_compat.is_cupy_namespace(xp)


def is_numpy(xp):
    """True when ``xp`` is NumPy's namespace."""
    return xp is np or array_api_compat.is_numpy_namespace(xp)


def asarray(x, xp, dtype=None, device=None):
    """Convert ``x`` (NumPy array, list or array of ``xp``) to an array of ``xp``."""
    if device is None:
        return xp.asarray(x, dtype=dtype)
    return xp.asarray(x, dtype=dtype, device=device)


def to_numpy(x):
    """Return ``x`` as a NumPy array, copying from the GPU or another library if needed."""
    if isinstance(x, np.ndarray):
        return x
    if array_api_compat.is_cupy_array(x):
        return x.get()
    if array_api_compat.is_torch_array(x):
        return x.detach().cpu().numpy()
    try:
        return np.asarray(x)
    except (TypeError, ValueError, RuntimeError):
        # array_api_strict and others expose the buffer protocol or DLPack
        return np.from_dlpack(x)
