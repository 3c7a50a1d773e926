# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # QĐ 213 — an analyst's notebook
#
# Load a ward's facts, evaluate every duty of Quy định 213-QĐ/TW as of a date, see who is
# overdue, explain one finding, and plot the statuses per residence cell.
#
# Open it in Jupyter with `jupytext --to notebook docs/examples/analyst.py` (or the Jupytext
# extension), or run it as a script: `python docs/examples/analyst.py`. It needs the `notebook`
# extra: `pip install 'qd213-rules[notebook]'` (pandas and matplotlib).

# %%
import tempfile
from pathlib import Path

import pandas as pd

from qd213_rules import evaluate, load_facts
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_path

# %% [markdown]
# ## Load and evaluate
#
# Any facts file works here (`load_facts("ward.jsonl")`); this notebook uses the example ward
# bundled with the package, at its fixed evaluation date, so its numbers do not change.

# %%
facts = load_facts(str(example_ward_path()))
report = evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en")
print(report)
pd.Series(report.summary, name="results")

# %% [markdown]
# ## Every result as a DataFrame
#
# One row per result; the columns are those of the JSON report (`result_id`, `obligation_id`,
# `subject_id`, `bearer_id`, `status`, `due_date`, `message`, …) plus `title`, `reason_code`
# and `reason_params`. `due_date` and `fulfilled_on` are timestamps.

# %%
df = report.to_dataframe()
df[["subject_id", "obligation_id", "bearer_id", "status", "due_date", "title"]].head()

# %% [markdown]
# ## Who is overdue, and by how long
#
# Derived duties (D1.K2a/b: "the worst of the duties that carry this one out") have no due
# date of their own, so no `days_late`; they sort last.

# %%
as_of = pd.Timestamp(report.as_of)
overdue = (
    df[df["status"] == "overdue"]
    .assign(days_late=lambda d: (as_of - d["due_date"]).dt.days.astype("Int64"))
    .sort_values(["days_late", "result_id"], ascending=[False, True], na_position="last")
    [["result_id", "subject_id", "obligation_id", "bearer_id", "due_date", "days_late", "message"]]
    .reset_index(drop=True)
)
overdue

# %% [markdown]
# Overdue duties per bearer (the member, or the committee or cell that must act):

# %%
overdue.groupby("bearer_id").size().sort_values(ascending=False).rename("overdue")

# %% [markdown]
# ## Why is it overdue?
#
# `report.explain(result_id)` gives the trigger and evidence with their dates, the deadline
# arithmetic with the policy values used, the rule that decided, the citation and the exact
# Vietnamese text.

# %%
explanation = report.explain(overdue.loc[0, "result_id"])
print(explanation)

# %% [markdown]
# ## Statuses per residence cell
#
# A member's residence cell on the evaluation date comes from replaying their history
# (`facts.state_on`); organisation results are left out.

# %%
cells = {m: facts.state_on(m, report.as_of).residence_cell_id or "-" for m in facts.members}
members = df[df["subject_type"] == "member"].assign(residence_cell=lambda d: d["subject_id"].map(cells))
order = [s for s in report.summary if s in set(members["status"])]  # worst first
by_cell = pd.crosstab(members["residence_cell"], members["status"])[order]
by_cell

# %% [markdown]
# ## Plot
#
# Drawn with matplotlib's non-interactive Agg backend and saved as a PNG in a temporary
# directory (in Jupyter the figure also shows inline).

# %%
try:
    import matplotlib
except ImportError:  # the `notebook` extra is not installed: everything above still works
    matplotlib = None

figure_path = None
if matplotlib is not None:
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    colours = {
        "violated": "#b00020", "overdue": "#c75000", "due": "#d4a800", "fulfilled_late": "#7fa33a",
        "fulfilled": "#1b7f3b", "ongoing": "#1f4e99", "waived": "#888888", "not_applicable": "#cccccc",
    }
    ax = by_cell.plot(kind="barh", stacked=True, figsize=(9, 4), color=[colours[s] for s in order])
    ax.set_xlabel("results")
    ax.set_ylabel("residence cell")
    ax.set_title(f"QĐ 213 — statuses per residence cell, as of {report.as_of:%d/%m/%Y}")
    ax.legend(title="status", bbox_to_anchor=(1.0, 1.0), loc="upper left")
    ax.figure.tight_layout()
    figure_path = Path(tempfile.mkdtemp(prefix="qd213-")) / "statuses_by_cell.png"
    ax.figure.savefig(figure_path, dpi=100)
    plt.close(ax.figure)
    print(f"figure saved to {figure_path}")

# %% [markdown]
# ## Reading the text differently
#
# "Kịp thời" (promptly) has no number of days in the text; the policy reads it as 30. How do
# the findings on reporting a change of residence (D2.K7b) move if a committee reads it as 7,
# 15, 45 or 60 days? `sensitivity` evaluates the ward once per value and counts the results by
# status (docs/reading-differently.md walks through the answer).

# %%
from qd213_rules import Policy
from qd213_rules.sensitivity import sensitivity

k7b = sensitivity(facts, "timely_days.D2.K7b", [7, 15, 30, 45, 60], as_of=EXAMPLE_AS_OF,
                  obligations=["D2.K7b"], lang="en")
k7b.to_dataframe()

# %% [markdown]
# Which results change, with both statuses, due dates and reasons: compare the default reading
# with one that reads "kịp thời" as 15 days for this duty.

# %%
strict = evaluate(facts, as_of=EXAMPLE_AS_OF, policy=Policy(timely_days={"D2.K7b": 15}), lang="en")
diff = report.compare(strict)
changes = diff.to_dataframe()[["subject_id", "obligation_id", "before_status", "after_status",
                               "before_due_date", "after_due_date", "after_message"]]
changes

# %% [markdown]
# The status transition matrix (rows: before, columns: after; only the statuses present):

# %%
diff.matrix_frame(compact=True)

# %% [markdown]
# The same table as a line chart (the dotted line is the current value, 30 days).

# %%
sensitivity_path = None
if matplotlib is not None:
    sensitivity_path = Path(tempfile.mkdtemp(prefix="qd213-")) / "d2_k7b_by_days.png"
    k7b.plot(str(sensitivity_path), lang="en")  # k7b.plot() alone draws inline in Jupyter
    print(f"figure saved to {sensitivity_path}")
