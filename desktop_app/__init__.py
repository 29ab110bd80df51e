"""Trellis: build, nurture and use your professional network, offline."""

__version__ = "0.1.0"
APP_NAME = "Trellis"
