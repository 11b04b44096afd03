#!/usr/bin/env python3
"""The same aggregation in pandas: net per (sub-project, ISO week), then the running sum per ISO year."""
import sys

import pandas as pd

path = sys.argv[1]
df = pd.read_csv(path, usecols=["date", "project", "amount"], thousands=",",
                 dtype={"date": "category", "project": "category", "amount": "int64"})
# 365 distinct days: compute the ISO week once per day, not once per row.
days = pd.to_datetime(df["date"].cat.categories, format="%Y-%m-%d").isocalendar()
codes = df["date"].cat.codes.to_numpy()
df["y"] = days["year"].to_numpy()[codes]
df["w"] = days["week"].to_numpy()[codes]
t = df.groupby(["project", "y", "w"], observed=True, sort=True)["amount"].sum().reset_index()
t["cum"] = t.groupby(["project", "y"], observed=True)["amount"].cumsum()
print(f"groups={len(t)} total={int(t['amount'].sum())} sum_cumulative={int(t['cum'].sum())} max_cumulative={int(t['cum'].max())}")
