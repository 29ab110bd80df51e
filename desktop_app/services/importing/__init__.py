"""Reading contact files (vCard, CSV) into the network: readers, mapping, duplicates."""
