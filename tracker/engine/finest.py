"""Steps 3–5 of the figures (`tracker.engine.query`), over the paired figures read from the database.

3. *finest*: per unit (per unit and period end for a series), only the shortest periods reported count — a
   half-year and its months never add up; the latest of them is a stock's value;
4. *cover*: a period a unit's ancestor reported itself (among the ancestor's own finest periods) is marked with
   that ancestor, the nearest one: the centre's own total replaces the sum of its departments' figures wherever
   totals are formed;
5. per unit and cover: flows summed, stocks the last value, rate metrics summed for an unweighted mean; or, for
   a series, per period end the units' figures no ancestor covered.

Done in pandas on the rows the one query returns: the same steps in SQL ranked and joined every unit-period of
a window in the database (a year-to-date window at 3,000 units, 186,000 pairs: 2–3 s on SQLite and PostgreSQL,
against a few tenths here), and they are one implementation whichever table the pairs come from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

PAIR_COLUMNS = ["key", "agg", "u", "p", "s", "e", "num", "den"]
TREE_COLUMNS = ["unit", "ancestor", "depth"]
UNIT_COLUMNS = ["key", "unit", "cover", "numerator", "denominator", "periods", "last_end"]
SERIES_COLUMNS = ["key", "end", "numerator", "denominator", "units"]
_TYPES = {"key": object, "unit": object, "cover": object, "numerator": float, "denominator": float,
          "periods": "int64", "last_end": "int64", "end": "int64", "units": "int64"}


def empty(columns: list[str]) -> pd.DataFrame:
    """No figures, with the columns' types of a result that has some (a merge on an empty object column fails)."""
    return pd.DataFrame({c: pd.Series(dtype=_TYPES[c]) for c in columns})


def pairs_frame(rows: Sequence[tuple[object, ...]], aggregation: Mapping[str, str]) -> pd.DataFrame:
    """The query's paired figures (PAIR_COLUMNS) as a frame, numbers as floats, period bounds as integers and
    each row's aggregation its item's (`aggregation`: key → sum, last or avg) and `stock` whether it is last."""
    frame = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    frame["agg"] = frame["key"].map(aggregation)
    frame["stock"] = frame["agg"].eq("last")
    for col in ("num", "den"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(float)
    for col in ("s", "e"):
        frame[col] = frame[col].astype("int64")
    return frame


def in_window(pairs: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """The pairs a window [start, end] counts: periods ending inside it, a flow's (and a rate's) only when its
    whole period lies inside it."""
    e, s = pairs["e"], pairs["s"]
    return pairs[(e >= start) & (e <= end) & (pairs["stock"] | (s >= start))]


def finest(pairs: pd.DataFrame, per_end: bool) -> pd.DataFrame:
    """Step 3: the rows of each unit's shortest periods (per unit and period end when `per_end`), with `latest`
    true on one row per unit (per unit and end): its latest such period; `group` numbers the row's item and
    unit (grouping on one integer rather than two strings: most of the time at city scale)."""
    if pairs.empty:
        return pairs.assign(group=pd.Series(dtype="int64"), latest=pd.Series(dtype=bool))
    keys, _ = pd.factorize(pairs["key"])
    units, names = pd.factorize(pairs["u"])
    end = pairs["e"].to_numpy()
    group = keys.astype("int64") * len(names) + units
    part = group * (int(end.max()) - int(end.min()) + 1) + (end - end.min()) if per_end else group
    length = end - pairs["s"].to_numpy()
    keep = length == pd.Series(length).groupby(part, sort=False).transform("min").to_numpy()
    part, end = part[keep], end[keep]
    order = np.lexsort((-end, part))  # per part, the latest first
    first = np.ones(len(order), dtype=bool)
    first[1:] = part[order][1:] != part[order][:-1]
    latest = np.zeros(len(order), dtype=bool)
    latest[order[first]] = True
    return pairs[keep].assign(group=group[keep], latest=latest)


def with_cover(fine: pd.DataFrame, tree: pd.DataFrame) -> pd.DataFrame:
    """Step 4: `cover`, the nearest ancestor (by depth, then code) that reported the same item and period among
    its own finest periods, or None. `tree` holds (unit, ancestor, depth) for every ancestor in `fine`. A period
    is known by its first and last month (a calendar month, quarter, half-year or year: one code per span), which
    spares reading its code."""
    reporters = fine.loc[fine["u"].isin(tree["ancestor"]), ["key", "u", "s", "e"]]
    cover = np.full(len(fine), None, dtype=object)
    if not reporters.empty:
        candidates = reporters.merge(tree, left_on="u", right_on="ancestor")
        nearest = (candidates.sort_values(["depth", "ancestor"], kind="stable")
                   .drop_duplicates(["key", "unit", "s", "e"]))
        # only rows of an item and period end some ancestor reported can be covered: those few are looked up
        maybe = np.flatnonzero((fine["key"].isin(nearest["key"]) & fine["e"].isin(nearest["e"])).to_numpy())
        look = pd.MultiIndex.from_frame(nearest[["key", "unit", "s", "e"]])
        at = look.get_indexer(pd.MultiIndex.from_frame(fine.iloc[maybe][["key", "u", "s", "e"]]))
        cover[maybe[at >= 0]] = nearest["ancestor"].to_numpy()[at[at >= 0]]
    return fine.assign(cover=cover)


def unit_totals(covered: pd.DataFrame) -> pd.DataFrame:
    """Step 5, per item, unit and cover (UNIT_COLUMNS): Σ numerator and Σ denominator (a stock's latest period
    only, in its own cover's group; no value where none was counted), the periods and the latest period end;
    ordered by item, unit and cover (None first)."""
    if covered.empty:
        return empty(UNIT_COLUMNS)
    counted = (~covered["stock"] | covered["latest"]).to_numpy()
    cover, _ = pd.factorize(covered["cover"])  # -1: no cover
    frame = pd.DataFrame({"g": covered["group"].to_numpy(), "c": cover,
                          "num": np.where(counted, covered["num"].to_numpy(), np.nan),
                          "den": np.where(counted, covered["den"].to_numpy(), np.nan),
                          "e": covered["e"].to_numpy()})
    groups = frame.groupby(["g", "c"], sort=False)  # groups in the order of their first rows
    firsts = covered[~frame.duplicated(["g", "c"]).to_numpy()]
    out = pd.DataFrame({"key": firsts["key"].to_numpy(), "unit": firsts["u"].to_numpy(),
                        "cover": firsts["cover"].to_numpy(),
                        "numerator": groups["num"].sum(min_count=1).to_numpy(),
                        "denominator": groups["den"].sum(min_count=1).to_numpy(),
                        "periods": groups["e"].size().to_numpy().astype("int64"),
                        "last_end": groups["e"].max().to_numpy().astype("int64")})
    order = np.lexsort((out["cover"].fillna("").to_numpy(dtype=str), out["unit"].to_numpy(dtype=str),
                        out["key"].to_numpy(dtype=str)))
    return out.iloc[order].reset_index(drop=True)


def period_totals(covered: pd.DataFrame) -> pd.DataFrame:
    """Step 5 for a series, per item and period end (SERIES_COLUMNS): Σ numerator, Σ denominator and the units
    counted, over the unit figures no ancestor covered."""
    mine = covered[covered["cover"].isna()]
    if mine.empty:
        return empty(SERIES_COLUMNS)
    groups = mine.groupby(["key", "e"], sort=True)
    out = pd.concat([groups["num"].sum(min_count=1).rename("numerator"),
                     groups["den"].sum(min_count=1).rename("denominator"),
                     groups["u"].nunique().rename("units")], axis=1)
    out = out.reset_index().rename(columns={"e": "end"})
    return out[SERIES_COLUMNS].astype({"end": "int64", "units": "int64"})
