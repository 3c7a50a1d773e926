"""qd213-rules: the duties of Quy định 213-QĐ/TW as executable obligations.

Quy định 213-QĐ/TW (Bộ Chính trị, 02/01/2020) sets what a working Party member owes the Party
organisation and the people where they live, and what the Party committees at the member's
workplace and residence must do. This package encodes every duty of its Điều 1–5 as a
declarative rule (applied as Hướng dẫn 33-HD/BTCTW directs) and reports, for any date, which
duties are due, overdue, violated or fulfilled, for whom, and why.

>>> import qd213_rules
>>> len(qd213_rules.OBLIGATIONS)
55

Exports are loaded lazily (PEP 562), so ``qd213 --version`` stays fast.
"""

from __future__ import annotations

import importlib
TYPE_CHECKING = False  # typing is not imported at run time: keeps `qd213 --version` fast

from ._version import __version__

if TYPE_CHECKING:
    from .articles import OBLIGATIONS, Obligation, obligation
    from .compare import Comparison
    from .engine import evaluate
    from .errors import ErrorCode, FactsError, PolicyError, Problem, Qd213Error, UsageError
    from .evaluation.results import Result, Status
    from .explain import Explanation
    from .facts import DataWarning, FactSet, load_facts
    from .limits import Limits
    from .policy import Policy, load_policy
    from .regulations import Regulation, RegulationRegistry, default_registry, register_regulation, unregister_regulation
    from .report import Report
    from .sensitivity import Sensitivity

__all__ = [
    "OBLIGATIONS",
    "Comparison",
    "DataWarning",
    "ErrorCode",
    "Explanation",
    "FactSet",
    "FactsError",
    "Limits",
    "Obligation",
    "Policy",
    "PolicyError",
    "Problem",
    "Qd213Error",
    "Regulation",
    "RegulationRegistry",
    "Report",
    "Result",
    "Sensitivity",
    "Status",
    "UsageError",
    "__version__",
    "default_registry",
    "evaluate",
    "load_facts",
    "load_policy",
    "obligation",
]

_EXPORTS = {
    "OBLIGATIONS": "articles",
    "Obligation": "articles",
    "obligation": "articles",
    "Comparison": "compare",
    "evaluate": "engine",
    "ErrorCode": "errors",
    "FactsError": "errors",
    "PolicyError": "errors",
    "Problem": "errors",
    "Qd213Error": "errors",
    "UsageError": "errors",
    "Result": "evaluation.results",
    "Status": "evaluation.results",
    "Explanation": "explain",
    "DataWarning": "facts",
    "FactSet": "facts",
    "Limits": "limits",
    "load_facts": "facts",
    "Policy": "policy",
    "load_policy": "policy",
    "Report": "report",
    "Sensitivity": "sensitivity",
    "Regulation": "regulations",
    "RegulationRegistry": "regulations",
    "default_registry": "regulations",
    "register_regulation": "regulations",
    "unregister_regulation": "regulations",
}


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'qd213_rules' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
