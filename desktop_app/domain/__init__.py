"""Plain-Python domain of Trellis: no Qt, no SQL."""
