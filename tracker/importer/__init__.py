"""Monthly actuals: read an upload, check it, preview the changes, store them with history."""
