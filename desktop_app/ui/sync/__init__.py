"""Sync in the window: Settings ▸ Sync… (accounts), Sync ▸ Sync now (Ctrl+Shift+S) on a
worker thread, the status-bar line, and the side-by-side conflict dialog (docs/sync.md)."""
