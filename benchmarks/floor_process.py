"""The whole-process floor for `python -m tracker progress`: a fresh interpreter that connects, runs the
hand-written progress SQL (benchmarks/floors.py, written to a file by the parent) and prints the rows as JSON —
start-up, driver import, connection and query, nothing else.

`python -m benchmarks.floor_process URL SQL_FILE WINDOW_START WINDOW_END`
"""

from __future__ import annotations

import json
import sys

from sqlalchemy import create_engine, text


def main(url: str, sql_file: str, ws: int, we: int) -> None:
    engine = create_engine(url)
    with open(sql_file, encoding="utf-8") as f, engine.connect() as conn:
        rows = conn.execute(text(f.read()), {"ws": ws, "we": we}).all()
    print(json.dumps([[k, float(n), None if d is None else float(d), int(u)] for k, n, d, u in rows]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
