"""Progress against the plan: windows, aggregation, target status, wording, attribution, rankings."""
