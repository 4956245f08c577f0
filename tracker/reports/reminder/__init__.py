"""催报通知: the notice the office sends to units that have not reported in full (or reported late) for a period."""
