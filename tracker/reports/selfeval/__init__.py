"""A unit's own annual self-evaluation (年度行政审批和政务服务效能自评情况报告, seed 003): figures, then text."""
