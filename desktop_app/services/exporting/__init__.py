"""Writing contacts out: vCard 4.0 / 3.0 and CSV (the JSON export is services/json_export.py)."""
