"""The Qt user interface: the only layer that imports widgets."""
