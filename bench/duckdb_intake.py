#!/usr/bin/env python3
"""The same aggregation in DuckDB: net per (sub-project, ISO week), then the running sum per ISO year."""
import sys

import duckdb

path = sys.argv[1]
row = duckdb.sql(f"""
    WITH t AS (
        SELECT project, isoyear(date) AS y, week(date) AS w,
               sum(CAST(replace(amount, ',', '') AS BIGINT)) AS net
        FROM read_csv('{path}', header = true,
                      columns = {{'date': 'DATE', 'program': 'VARCHAR', 'project': 'VARCHAR', 'amount': 'VARCHAR'}})
        GROUP BY ALL
    ), c AS (
        SELECT project, y, net, sum(net) OVER (PARTITION BY project, y ORDER BY w) AS cum FROM t
    )
    SELECT count(*), sum(net), sum(cum), max(cum) FROM c
""").fetchall()[0]
print(f"groups={row[0]} total={int(row[1])} sum_cumulative={int(row[2])} max_cumulative={int(row[3])}")
