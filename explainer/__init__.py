"""explainer: an offline, plain-language explainer of 287(g) agreements and ICE enforcement."""

__version__ = "0.1.0"
