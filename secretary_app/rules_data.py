"""Read the dated rule data in ``resources/rules/*.json`` and turn it into the pure ``models.rules`` dataclasses.

This is the only module that reads those files (``models`` never touches files). Each file holds a list
of ``entries`` with an ``effective_from`` date; ``*_on(day)`` picks the entry in force on ``day`` (the latest
one that started on or before it), so past months are judged by the rules of their time.

Holidays are not versioned: ``holidays()`` returns the listed days off as a ``frozenset[date]`` to pass
into the working-day functions. Entries tagged [U] (estimated, not yet announced) are left out unless
``include_uncertain=True``: a deadline counted without them is the earlier one, the safe direction
(setting ``Settings.count_unconfirmed_holidays``, default False; ``working_calendar(settings)``).

The folder read is ``resources/rules`` of the installed app, or the one named by the environment variable
``SECRETARY_APP_RULES_DIR`` (read when a file is first needed), or the one given to ``use_rules_dir`` (for
tests and for trying an edited copy); ``use_rules_dir`` clears every cache.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache, lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar, cast

from models.rules.dues import DuesRates, MinimumWages, RetirementAge, RetirementTable, Rounding, RoundMode
from models.rules.meetings import MeetingRules
from models.rules.party_age import (
    BadgeRules,
    DuesAgeExemptionRule,
    EarlyWindow,
    MonthCutoff,
    OccasionCutoff,
)
from models.rules.status import DisciplineForm
from models.rules.votes import AttendanceBand, DecisionKind, Threshold, VoteRules

if TYPE_CHECKING:
    from functools import _lru_cache_wrapper  # the type lru_cache returns

    from models.rules.admission import AdmissionRules  # imported on use: only the admission pages need it

__all__ = [
    "RULES_DIR_ENV",
    "RuleDataError",
    "admission_rules_on",
    "attendance_bands_on",
    "badge_rules_on",
    "dues_age_rule_on",
    "dues_kept_percent_on",
    "dues_rates_on",
    "dues_rounding_on",
    "entry_on",
    "holiday_entries",
    "holidays",
    "makeup_working_days",
    "meeting_rules_on",
    "minimum_wages_on",
    "retirement_table",
    "rules_dir",
    "use_rules_dir",
    "vote_rules_on",
    "working_calendar",
]

RULES_DIR_ENV = "SECRETARY_APP_RULES_DIR"
_rules_dir_override: Path | None = None
_CACHED: list[_lru_cache_wrapper[object]] = []
_F = TypeVar("_F", bound=Callable[..., object])


def _cached(fn: _F) -> _F:
    """A per-day cache (a handful of meeting days), cleared with the files' cache by ``use_rules_dir``."""
    wrapped = lru_cache(maxsize=256)(fn)
    _CACHED.append(wrapped)
    return cast(_F, wrapped)  # the cached wrapper takes and returns what fn does


def rules_dir() -> Traversable:
    """The folder the rule files are read from (see the module docstring)."""
    if _rules_dir_override is not None:
        return _rules_dir_override
    env = os.environ.get(RULES_DIR_ENV, "").strip()
    if env:
        return Path(env)
    return files("resources") / "rules"


def use_rules_dir(path: Path | None) -> None:
    """Read the rule files from ``path`` from now on (None: back to the default) and forget every cached
    rule, so the next question is answered from the files in that folder."""
    global _rules_dir_override
    _rules_dir_override = path
    _read.cache_clear()
    for fn in _CACHED:
        fn.cache_clear()


class RuleDataError(LookupError):
    """No rule entry is in force on the requested date, or a data file is malformed."""


@cache
def _read(name: str) -> dict[str, Any]:
    try:
        text = (rules_dir() / name).read_text(encoding="utf-8")
        data: dict[str, Any] = json.loads(text)
    except (OSError, ValueError) as exc:
        raise RuleDataError(f"Không đọc được tệp quy định {name}: {exc}") from exc
    return data


def _entry_on(name: str, day: date) -> dict[str, Any]:
    entries = sorted(_read(name)["entries"], key=lambda e: e["effective_from"])
    chosen = None
    for entry in entries:
        if date.fromisoformat(entry["effective_from"]) <= day:
            chosen = entry
    if chosen is None:
        raise RuleDataError(f"{name}: no entry in force on {day.isoformat()}")
    return chosen


def entry_on(name: str, day: date) -> dict[str, Any]:
    """The raw entry of ``name`` (e.g. "vote_thresholds.json") in force on ``day``, with its "document",
    tagged fields and "note", for showing the rules to the secretary; a copy, so callers cannot alter the
    cache."""
    return json.loads(json.dumps(_entry_on(name, day)))


def holiday_entries() -> tuple[dict[str, Any], ...]:
    """The listed days off as written (name, from, to, tag, note), for showing which are unconfirmed."""
    return tuple(dict(item) for item in _read("holidays_vn.json")["days_off"])


def _value(entry: dict[str, Any], key: str) -> Any:
    """Fields are either plain values or {"value": …, "tag": …, "source": …}."""
    field = entry[key]
    return field["value"] if isinstance(field, dict) and "value" in field else field


@_cached
def vote_rules_on(day: date) -> VoteRules:
    entry = _entry_on("vote_thresholds.json", day)
    thresholds = {DecisionKind(k): Threshold(v["threshold"]) for k, v in entry["thresholds"].items()}
    sources = {DecisionKind(k): f"{v['source']} [{v['tag']}]" for k, v in entry["thresholds"].items()}
    missing = set(DecisionKind) - set(thresholds)
    if missing:
        raise RuleDataError(f"vote_thresholds.json: no threshold for {sorted(missing)}")
    return VoteRules(
        effective_from=date.fromisoformat(entry["effective_from"]),
        thresholds=MappingProxyType(thresholds),
        sources=MappingProxyType(sources),
    )


@_cached
def badge_rules_on(day: date) -> BadgeRules:
    entry = _entry_on("badges.json", day)
    return BadgeRules(
        effective_from=date.fromisoformat(entry["effective_from"]),
        milestones=tuple(entry["milestones_years"]),
        occasions=tuple((o["month"], o["day"]) for o in entry["occasions"]),
        early_windows=tuple(
            EarlyWindow(w["min_years"], w["max_years"], w["months"]) for w in entry["early_award_windows"]
        ),
        posthumous_early_months=entry["posthumous_early_months"],
        discipline_block_months=MappingProxyType(
            {DisciplineForm(k): v for k, v in entry["discipline_block_months"].items()}
        ),
        cutoff=OccasionCutoff(entry["occasion_cutoff"]),
        source=entry["document"],
    )


@_cached
def admission_rules_on(day: date) -> AdmissionRules:
    from models.rules.admission import AdmissionRules

    entry = _entry_on("admission_deadlines.json", day)
    return AdmissionRules(
        effective_from=date.fromisoformat(entry["effective_from"]),
        certificate_valid_months=_value(entry, "certificate_valid_months"),
        decision_working_days=_value(entry, "decision_working_days"),
        decision_extra_working_days=_value(entry, "decision_extra_working_days"),
        ceremony_working_days=_value(entry, "ceremony_working_days"),
        probation_months=_value(entry, "probation_months"),
        recognition_review_working_days=_value(entry, "recognition_review_working_days"),
        recognition_decision_working_days=_value(entry, "recognition_decision_working_days"),
        min_age_years=_value(entry, "min_age_years"),
        max_age_years=_value(entry, "max_age_years"),
        introducer_months=_value(entry, "introducer_months"),
        probation_alert_days=tuple(_value(entry, "probation_alert_days")),
        certificate_alert_days=_value(entry, "certificate_alert_days"),
        source=entry["document"],
    )


@_cached
def meeting_rules_on(day: date) -> MeetingRules:
    entry = _entry_on("meeting_durations.json", day)
    return MeetingRules(
        effective_from=date.fromisoformat(entry["effective_from"]),
        regular_min_minutes=_value(entry, "regular_min_minutes"),
        combined_min_minutes=_value(entry, "combined_min_minutes"),
        thematic_min_minutes=_value(entry, "thematic_min_minutes"),
        large_cell_members=_value(entry, "large_cell_members"),
        large_cell_min_minutes=_value(entry, "large_cell_min_minutes"),
        source=entry["document"],
    )


@_cached
def attendance_bands_on(day: date) -> tuple[AttendanceBand, ...]:
    entry = _entry_on("meeting_durations.json", day)
    return tuple(
        AttendanceBand(b["min_percent"], b["code"], b["message"]) for b in _value(entry, "attendance_bands")
    )


@_cached
def dues_age_rule_on(day: date) -> DuesAgeExemptionRule | None:
    """The party-age dues exemption in force on ``day``; None before QĐ 01-QĐ/TW (no such exemption)."""
    try:
        entry = _entry_on("dues_age_exemption.json", day)
    except RuleDataError:
        return None
    return DuesAgeExemptionRule(
        effective_from=date.fromisoformat(entry["effective_from"]),
        years=_value(entry, "party_age_years"),
        cutoff=MonthCutoff(_value(entry, "month_cutoff")),
        source=entry["document"],
    )


@_cached
def holidays(*, include_uncertain: bool = False) -> frozenset[date]:
    """The public days off listed in ``holidays_vn.json`` (weekends inside the ranges included); the
    unconfirmed ones [U] only with ``include_uncertain`` (see the module docstring)."""
    days: set[date] = set()
    for item in _read("holidays_vn.json")["days_off"]:
        if item["tag"] == "U" and not include_uncertain:
            continue
        day, last = date.fromisoformat(item["from"]), date.fromisoformat(item["to"])
        if last < day:
            raise RuleDataError(f"holidays_vn.json: {item['name']} ends before it starts")
        while day <= last:
            days.add(day)
            day += timedelta(days=1)
    return frozenset(days)


def working_calendar(count_unconfirmed_holidays: bool) -> tuple[frozenset[date], frozenset[date]]:
    """(days off, make-up working Saturdays) to pass to the working-day functions of ``models.rules``,
    with the unconfirmed holidays only if the secretary chose to count them
    (``Settings.count_unconfirmed_holidays``)."""
    return holidays(include_uncertain=count_unconfirmed_holidays), makeup_working_days()


@_cached
def makeup_working_days() -> frozenset[date]:
    """Saturdays worked in exchange for a bridged weekday (ngày làm bù)."""
    return frozenset(
        date.fromisoformat(item["date"]) for item in _read("holidays_vn.json")["makeup_working_days"]
    )


# --- party dues (rules.md §1; models.rules.dues) ----------------------------------------------------


def dues_rates_on(day: date) -> DuesRates:
    """The dues regime in force in the month of ``day`` (QĐ 342 before 02/2026, QĐ 01-QĐ/TW after)."""
    entry = _entry_on("dues_rates.json", day)
    return DuesRates(
        effective_from=date.fromisoformat(entry["effective_from"]),
        document=entry["document"],
        insured=_value(entry, "insured_per_10000"),
        benefit=_value(entry, "benefit_per_10000"),
        pension=_value(entry, "pension_per_10000"),
        abroad_allowance=_value(entry, "abroad_allowance_per_10000"),
        student_amount=_value(entry, "student_amount"),
        other_below_retirement=_value(entry, "other_below_retirement_per_10000"),
        other_at_retirement=_value(entry, "other_at_retirement_per_10000"),
        other_fixed_amount=_value(entry, "other_fixed_amount"),
        other_at_retirement_fixed_percent=_value(entry, "other_at_retirement_fixed_percent"),
    )


def minimum_wages_on(day: date) -> MinimumWages | None:
    """The regional minimum wages in force on ``day`` with their decree; None before the first listed."""
    try:
        entry = _entry_on("minimum_wages.json", day)
    except RuleDataError:
        return None
    return MinimumWages(
        effective_from=date.fromisoformat(entry["effective_from"]),
        decree=entry["document"],
        by_region=MappingProxyType({int(k): v for k, v in _value(entry, "regions").items()}),
    )


def _month_start(text: str) -> date:
    year, month = text.split("-")
    return date(int(year), int(month), 1)


@cache
def retirement_table() -> RetirementTable:
    """The statutory retirement age by sex and birth month (Labour Code 2019 roadmap, NĐ 135/2020)."""
    entry = _read("retirement_ages.json")["entries"][-1]
    return RetirementTable(
        rows=tuple(RetirementAge(row["sex"], _month_start(row["born_from"]),
                                 _month_start(row["born_to"]) if row["born_to"] else None,
                                 row["years"], row["months"]) for row in entry["table"]),
        source=entry["document"],
    )


def dues_rounding_on(day: date) -> Rounding:
    step = _value(_entry_on("dues_settings.json", day), "rounding_step")
    return Rounding(step=step, mode=RoundMode.NEAREST if step == 1 else RoundMode.UP)


def dues_kept_percent_on(day: date) -> int:
    """The share (%) of collected dues the cell keeps; the rest is remitted upward (rules.md §1.4 [U])."""
    value: int = _value(_entry_on("dues_settings.json", day), "kept_percent")
    return value
