"""Matching backends: they find which facts join which occasions; they judge nothing.

A backend takes, per session (one subject), a list of flat facts (see
:mod:`qd213_rules.evaluation.payload`) and returns the matches of the rules compiled from the
obligation declarations: ``[(rule name, {alias: fact})]``. The judge
(:mod:`qd213_rules.evaluation.judge`) turns matches into statuses, whatever the backend.
"""
