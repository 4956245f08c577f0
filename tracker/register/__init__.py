"""The target register and the unit register: their shape (`schema`), loading and checks (`loading`, `checks`),
the loaded register with its lookups (`model`), and one rule per kind of target (`rules`)."""

from tracker.register.loading import load_register, summary_params, validate_registers
from tracker.register.model import Register
from tracker.register.schema import Indicator, Metric, Target
from tracker.register.unit_schema import Unit

__all__ = ["Register", "load_register", "validate_registers", "summary_params", "Indicator", "Metric", "Target",
           "Unit"]
