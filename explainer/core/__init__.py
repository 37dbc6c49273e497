"""The search-and-answer core. It never imports textual, rich or explainer.ui."""
