"""Import and export in the window: preview dialog, background work, drag and drop."""
