"""Use cases of Trellis, above storage and below the UI: no widgets here."""
