"""The printable overview: the overview page "as of month X" on one A4 landscape page (PDF and PNG)."""
