"""One BLAS thread for answering.

Each answer multiplies the question's vector by a few thousand rows. With numpy's OpenBLAS on
its default two threads that took 28 ms on two busy cores, with one thread 0.2 ms, and the
result is the same. This module is imported first by `explainer.core`, so the switch is set
before numpy loads; if numpy was loaded earlier, `one_blas_thread` sets it with threadpoolctl.
"""

from __future__ import annotations

import os
import sys

_SET_BEFORE_NUMPY = "numpy" not in sys.modules and "OPENBLAS_NUM_THREADS" not in os.environ
if _SET_BEFORE_NUMPY:
    os.environ["OPENBLAS_NUM_THREADS"] = "1"


def one_blas_thread() -> None:
    """Make sure BLAS runs on one thread (cheap when the switch was set before numpy)."""
    if not _SET_BEFORE_NUMPY:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")
