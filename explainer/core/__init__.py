"""The search-and-answer core. It never imports textual, rich or explainer.ui."""

from explainer.core import threads  # noqa: F401  (one BLAS thread, set before numpy loads)
