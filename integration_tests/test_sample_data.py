"""Tests of the sample-data generator and of the committed seeds.

The committed ``seeds/*.csv`` must equal a fresh run with the default seed, and
every case the contract's rules name must be present. Planted cases are
checked by reading the CSVs with a small, independent reading of rules 1-9
(written here, not imported from the generator), so a test fails when the
data stops containing a case, not only when an id disappears.
"""

from __future__ import annotations

import csv
import filecmp
import importlib
import os
import re
import statistics
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path

import pytest
from contract_columns import CONTRACT_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sample_data = importlib.import_module("ctr_tools.sample_data")

BOT_PATTERNS = ("bot", "crawl", "spider", "headless", "scanner")
FREE_MAIL = {
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "live.com",
    "icloud.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
}
OLDEST = datetime.min.replace(tzinfo=UTC)
TS_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?"
    r"(Z|[+-]\d{2}:\d{2})?"
)
Row = dict[str, str]


# --------------------------------------------------------------------------
# An independent reading of the contract (rules 1-9)
# --------------------------------------------------------------------------


def trim(value: str | None) -> str:
    """Trim spaces and tabs; None and blank are both ''."""
    return (value or "").strip(" \t")


def parse_ts(text: str) -> datetime | None:
    """A contract timestamp as an aware UTC datetime, None when invalid."""
    match = TS_RE.fullmatch(text or "")
    if not match:
        return None
    parts = [int(g) for g in match.groups()[:6]]
    micros = int((match.group(7) or "0")[:6].ljust(6, "0"))
    zone = match.group(8)
    tz = UTC
    if zone and zone != "Z":
        delta = timedelta(hours=int(zone[1:3]), minutes=int(zone[4:]))
        tz = timezone(delta if zone[0] == "+" else -delta)
    try:
        return datetime(*parts, micros, tzinfo=tz).astimezone(UTC)
    except ValueError:
        return None


def is_true(value: str) -> bool:
    """The contract's boolean: true, yes, 1 in any case."""
    return trim(value).lower() in {"true", "yes", "1"}


def email_ok(email: str) -> bool:
    """Not empty, has an @, something before the first and after the last."""
    email = trim(email)
    return "@" in email and bool(email.split("@")[0]) and bool(email.split("@")[-1])


def domain_of_website(website: str) -> str | None:
    """Rule 9: the account domain of a website value."""
    value = trim(website).lower()
    value = re.sub(r"^https?://", "", value)
    value = re.split(r"[/?#]", value, maxsplit=1)[0].split(":")[0]
    value = value.removeprefix("www.").rstrip(".")
    return value or None


def is_bot(user_agent: str) -> bool:
    """Rule 4."""
    return any(p in (user_agent or "").lower() for p in BOT_PATTERNS)


@dataclass(frozen=True)
class Event:
    """A valid (rule 1), normalised (rule 2) view or click."""

    event_id: str
    at: datetime
    person: str
    campaign_id: str
    creative_id: str
    user_agent: str


@dataclass
class Seeds:
    """The six tables read from a seeds directory."""

    views: list[Row]
    clicks: list[Row]
    contacts: list[Row]
    accounts: list[Row]
    campaigns: list[Row]
    creatives: list[Row]

    @property
    def creative_campaign(self) -> dict[str, str]:
        return {trim(r["creative_id"]): trim(r["campaign_id"]) for r in self.creatives}


def read_csv(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_seeds(directory: Path) -> Seeds:
    return Seeds(*(read_csv(directory / f"{name}.csv") for name in CONTRACT_COLUMNS))


def rejection_reasons(row: Row, kind: str, seeds: Seeds) -> list[str]:
    """Every rule 1 reason that applies, in the contract's order."""
    id_col, ts_col = (
        ("view_id", "viewed_at") if kind == "view" else ("click_id", "clicked_at")
    )
    campaign, creative = trim(row["campaign_id"]), trim(row["creative_id"])
    campaigns = {trim(r["campaign_id"]) for r in seeds.campaigns}
    checks = [
        ("missing_id", not trim(row[id_col])),
        ("invalid_timestamp", parse_ts(row[ts_col]) is None),
        ("invalid_email", not email_ok(row["email"])),
        ("unknown_campaign", campaign not in campaigns),
        ("unknown_creative", seeds.creative_campaign.get(creative) != campaign),
    ]
    return [reason for reason, failed in checks if failed]


def valid_events(rows: list[Row], kind: str, seeds: Seeds) -> list[Event]:
    id_col, ts_col = (
        ("view_id", "viewed_at") if kind == "view" else ("click_id", "clicked_at")
    )
    return [
        Event(
            trim(r[id_col]),
            parse_ts(r[ts_col]),  # type: ignore[arg-type]
            trim(r["email"]).lower(),
            trim(r["campaign_id"]),
            trim(r["creative_id"]),
            r["user_agent"] or "",
        )
        for r in rows
        if not rejection_reasons(r, kind, seeds)
    ]


def dedupe(events: Iterable[Event]) -> dict[str, Event]:
    """Rule 3: one event per id, the earliest copy."""
    kept: dict[str, Event] = {}
    for event in events:
        if event.event_id not in kept or event.at < kept[event.event_id].at:
            kept[event.event_id] = event
    return kept


@dataclass(frozen=True)
class ClickOutcome:
    status: str
    view: Event | None = None


def evaluate(seeds: Seeds) -> tuple[dict[str, Event], dict[str, ClickOutcome]]:
    """Counted views (rules 1-4) and the outcome of every valid click id."""
    views = {
        k: v
        for k, v in dedupe(valid_events(seeds.views, "view", seeds)).items()
        if not is_bot(v.user_agent)
    }
    clicks = dedupe(valid_events(seeds.clicks, "click", seeds))
    outcomes: dict[str, ClickOutcome] = {}
    by_key: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for click in clicks.values():
        if is_bot(click.user_agent):
            outcomes[click.event_id] = ClickOutcome("invalid_traffic")
        else:
            by_key[(click.person, click.creative_id)].append(click)
    views_by_key: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for view in views.values():
        views_by_key[(view.person, view.creative_id)].append(view)
    for key, group in by_key.items():
        group.sort(key=lambda e: (e.at, e.event_id))
        for previous, click in zip([None, *group], group, strict=False):
            if previous is not None and click.at - previous.at < timedelta(seconds=30):
                outcomes[click.event_id] = ClickOutcome("double_click")
                continue
            window = [
                v
                for v in views_by_key[key]
                if v.at <= click.at and click.at - v.at <= timedelta(days=7)
            ]
            if not window:
                outcomes[click.event_id] = ClickOutcome("orphan")
                continue
            view = max(window, key=lambda v: v.at)
            machine = click.at - view.at < timedelta(seconds=1)
            outcomes[click.event_id] = ClickOutcome(
                "machine" if machine else "qualifying", view
            )
    return views, outcomes


def canonical_accounts(seeds: Seeds) -> tuple[dict[str, str], dict[str, str]]:
    """Rule 9: account id -> canonical id, and domain -> canonical id."""
    groups: dict[str, list[Row]] = defaultdict(list)
    canonical: dict[str, str] = {}
    for row in sorted(seeds.accounts, key=lambda r: trim(r["account_id"])):
        domain = domain_of_website(row["website"])
        if domain is None:
            canonical[trim(row["account_id"])] = trim(row["account_id"])
        else:
            groups[domain].append(row)
    by_domain: dict[str, str] = {}
    for domain, rows in groups.items():
        best = max(rows, key=lambda r: parse_ts(r["updated_at"]) or OLDEST)
        by_domain[domain] = trim(best["account_id"])
        for row in rows:
            canonical[trim(row["account_id"])] = by_domain[domain]
    return canonical, by_domain


def person_accounts(seeds: Seeds, people: Iterable[str]) -> dict[str, str | None]:
    """Rule 8: person -> canonical account id or None (unmapped)."""
    canonical, by_domain = canonical_accounts(seeds)
    contacts: dict[str, list[Row]] = defaultdict(list)
    for row in sorted(seeds.contacts, key=lambda r: trim(r["contact_id"])):
        contacts[trim(row["email"]).lower()].append(row)
    result: dict[str, str | None] = {}
    for person in people:
        records = contacts.get(person)
        if records:
            best = max(records, key=lambda r: parse_ts(r["updated_at"]) or OLDEST)
            account = canonical.get(trim(best["account_id"]))
            if account is not None:
                result[person] = account
                continue
        domain = person.rsplit("@", 1)[1]
        result[person] = None if domain in FREE_MAIL else by_domain.get(domain)
    return result


# --------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "ctr_tools.sample_data", *args],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def seeds() -> Seeds:
    return read_seeds(SEEDS)


@pytest.fixture(scope="module")
def evaluated(seeds: Seeds) -> tuple[dict[str, Event], dict[str, ClickOutcome]]:
    return evaluate(seeds)


# --------------------------------------------------------------------------
# (a) determinism, (b) committed seeds, (c) headers
# --------------------------------------------------------------------------


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    run_cli(tmp_path, "--seed", "42", "--out", "one")
    run_cli(tmp_path, "--seed", "42", "--out", "two")
    for name in CONTRACT_COLUMNS:
        one = (tmp_path / "one" / f"{name}.csv").read_bytes()
        assert one == (tmp_path / "two" / f"{name}.csv").read_bytes(), name
        assert b"\r\n" not in one


def test_other_seed_gives_other_random_data(tmp_path: Path) -> None:
    run_cli(tmp_path, "--seed", "7", "--out", "seven")
    assert not filecmp.cmp(
        tmp_path / "seven" / "raw_views.csv", SEEDS / "raw_views.csv"
    )


def test_committed_seeds_equal_fresh_default_generation(tmp_path: Path) -> None:
    result = run_cli(tmp_path)  # defaults: --seed 42 --out seeds
    assert len(result.stdout.strip().splitlines()) == 1
    for name in CONTRACT_COLUMNS:
        fresh = (tmp_path / "seeds" / f"{name}.csv").read_bytes()
        committed = (SEEDS / f"{name}.csv").read_bytes()
        assert fresh == committed, (
            f"seeds/{name}.csv differs from a fresh generation: "
            "run `python -m ctr_tools.sample_data` instead of editing it"
        )


@pytest.mark.parametrize("name", list(CONTRACT_COLUMNS))
def test_headers_are_the_contract_columns(name: str) -> None:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header == CONTRACT_COLUMNS[name]
    assert list(sample_data.COLUMNS[name]) == CONTRACT_COLUMNS[name]


def test_sizes_are_modest(seeds: Seeds) -> None:
    assert 3000 <= len(seeds.views) <= 6000
    assert 300 <= len(seeds.clicks) <= 800
    assert 300 <= len(seeds.accounts) <= 500
    assert 1000 <= len(seeds.contacts) <= 2000


def test_events_fall_in_march_and_april_2026(seeds: Seeds) -> None:
    start, end = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC)
    for rows, col in ((seeds.views, "viewed_at"), (seeds.clicks, "clicked_at")):
        instants = [t for r in rows if (t := parse_ts(r[col])) is not None]
        assert instants and all(start <= t < end for t in instants)


def test_person_ctr_is_realistic(
    seeds: Seeds, evaluated: tuple[dict[str, Event], dict[str, ClickOutcome]]
) -> None:
    views, outcomes = evaluated
    viewers = {v.person for v in views.values()}
    clickers = {o.view.person for o in outcomes.values() if o.status == "qualifying"}
    assert clickers <= viewers
    assert 0.05 <= len(clickers) / len(viewers) <= 0.20


# --------------------------------------------------------------------------
# (d) planted cases
# --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["view", "click"])
def test_every_rejection_reason_is_planted(seeds: Seeds, kind: str) -> None:
    rows = seeds.views if kind == "view" else seeds.clicks
    ts_col = "viewed_at" if kind == "view" else "clicked_at"
    reasons = [rejection_reasons(r, kind, seeds) for r in rows]
    first = Counter(r[0] for r in reasons if r)
    for reason in (
        "missing_id",
        "invalid_timestamp",
        "invalid_email",
        "unknown_campaign",
        "unknown_creative",
    ):
        assert first[reason] >= 3, reason
    # Rows with several problems, where only the first reason may be reported.
    assert {r[0] for r in reasons if len(r) >= 2} >= {
        "missing_id",
        "invalid_timestamp",
        "invalid_email",
        "unknown_campaign",
    }
    bad_ts = {r[ts_col] for r in rows}
    assert {
        "2026-02-30 10:00:00",
        "2026-03-05 24:00:00",
        "2026-03-05",
        "2026-03-05 10:00:00+0200",
        "yesterday",
        "",
    } <= bad_ts
    assert {"", "no-at-sign.com", "@acme.com", "someone@"} <= {r["email"] for r in rows}
    # unknown_creative: a creative of another campaign and a nonexistent one.
    wrong_campaign = [
        r
        for r in rows
        if seeds.creative_campaign.get(trim(r["creative_id"]))
        not in (None, trim(r["campaign_id"]))
    ]
    nonexistent = [
        r
        for r in rows
        if trim(r["creative_id"])
        and trim(r["creative_id"]) not in seeds.creative_campaign
    ]
    assert wrong_campaign and nonexistent


@pytest.mark.parametrize("kind", ["view", "click"])
def test_every_timestamp_form_is_present(seeds: Seeds, kind: str) -> None:
    rows = seeds.views if kind == "view" else seeds.clicks
    texts = [r["viewed_at" if kind == "view" else "clicked_at"] for r in rows]
    valid = [t for t in texts if parse_ts(t) is not None]
    forms = {
        "space": lambda t: t[10] == " ",
        "T": lambda t: t[10] == "T",
        "fraction": lambda t: "." in t,
        "Z": lambda t: t.endswith("Z"),
        "+HH:MM": lambda t: re.search(r"\+\d{2}:\d{2}$", t) is not None,
        "-HH:MM": lambda t: re.search(r"-\d{2}:\d{2}$", t) is not None,
        "no offset": lambda t: re.search(r"\d$", t) is not None,
    }
    for form, test in forms.items():
        assert sum(1 for t in valid if test(t)) >= 3, form
    # Offsets that move the UTC date across midnight, in both directions.
    crossings = {
        t[19:].lstrip(".0123456789")[0]
        for t in valid
        if t[-6] in "+-" and parse_ts(t).date().isoformat() != t[:10]  # type: ignore[union-attr]
    }
    assert crossings == {"+", "-"}
    assert "2026-03-10T01:30:00+02:00" in texts
    assert "2026-03-10 22:30:00-05:00" in texts


def test_emails_in_mixed_case_and_padding(seeds: Seeds) -> None:
    for rows in (seeds.views, seeds.clicks):
        emails = [r["email"] for r in rows if email_ok(r["email"])]
        assert sum(e != e.strip(" \t") for e in emails) >= 3
        assert sum("\t" in e for e in emails) >= 1
        assert sum(trim(e) != trim(e).lower() for e in emails) >= 3
    # One person written three ways in views is one normalised person.
    by_person: dict[str, set[str]] = defaultdict(set)
    for row in seeds.views:
        if email_ok(row["email"]):
            by_person[trim(row["email"]).lower()].add(row["email"])
    assert max(len(forms) for forms in by_person.values()) >= 3


@pytest.mark.parametrize("kind", ["view", "click"])
def test_duplicate_event_ids(seeds: Seeds, kind: str) -> None:
    rows = seeds.views if kind == "view" else seeds.clicks
    id_col, ts_col = (
        ("view_id", "viewed_at") if kind == "view" else ("click_id", "clicked_at")
    )
    copies: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if trim(row[id_col]) and parse_ts(row[ts_col]) is not None:
            copies[trim(row[id_col])].append(row)
    dups = {k: v for k, v in copies.items() if len(v) >= 2}
    assert any(len(v) == 3 for v in dups.values())
    identical = [v for v in dups.values() if len({r[ts_col] for r in v}) == 1]
    differing = [v for v in dups.values() if len({r[ts_col] for r in v}) > 1]
    assert identical and differing
    # Somewhere the earliest copy is not the first row in the file.
    assert any(
        parse_ts(v[0][ts_col]) != min(parse_ts(r[ts_col]) for r in v)  # type: ignore[type-var]
        for v in differing
    )
    # Copies on different UTC dates.
    assert any(
        len({parse_ts(r[ts_col]).date() for r in v}) > 1  # type: ignore[union-attr]
        for v in differing
    )


@pytest.mark.parametrize("kind", ["view", "click"])
def test_invalid_traffic_user_agents(seeds: Seeds, kind: str) -> None:
    rows = seeds.views if kind == "view" else seeds.clicks
    agents = [r["user_agent"] for r in rows]
    for pattern in BOT_PATTERNS:
        assert any(pattern in a.lower() for a in agents), pattern
    for example in ("Googlebot/2.1", "HeadlessChrome", "SiteScanner"):
        assert any(example in a for a in agents), example
    # Mixed case: a pattern present only case-insensitively.
    assert any(is_bot(a) and not any(p in a for p in BOT_PATTERNS) for a in agents)
    assert sum(a == "" for a in agents) >= 3


def test_human_user_agents_match_no_pattern() -> None:
    for agent in sample_data.HUMAN_USER_AGENTS:
        assert not is_bot(agent)
    for agent in sample_data.BOT_USER_AGENTS.values():
        assert is_bot(agent)


def _human_click_gaps(seeds: Seeds) -> list[timedelta]:
    clicks = dedupe(valid_events(seeds.clicks, "click", seeds)).values()
    groups: dict[tuple[str, str], list[datetime]] = defaultdict(list)
    for click in clicks:
        if not is_bot(click.user_agent):
            groups[(click.person, click.creative_id)].append(click.at)
    gaps = []
    for times in groups.values():
        times.sort()
        gaps += [b - a for a, b in pairwise(times)]
    return gaps


def test_double_click_gaps(seeds: Seeds) -> None:
    gaps = _human_click_gaps(seeds)
    for seconds in (20, 29, 30):
        assert timedelta(seconds=seconds) in gaps, seconds
    assert any(timedelta(seconds=29) < g < timedelta(seconds=30) for g in gaps)
    _, outcomes = evaluate(seeds)
    triple = [
        sample_data.EXPECTED_CLICK_OUTCOMES[f"c_case_dbl_triple_{i}"] for i in (1, 2, 3)
    ]
    assert [outcomes[f"c_case_dbl_triple_{i}"].status for i in (1, 2, 3)] == triple
    assert Counter(triple)["qualifying"] == 1


def test_attribution_window_edges(
    evaluated: tuple[dict[str, Event], dict[str, ClickOutcome]], seeds: Seeds
) -> None:
    views, outcomes = evaluated
    clicks = dedupe(valid_events(seeds.clicks, "click", seeds))
    by_key: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for view in views.values():
        by_key[(view.person, view.creative_id)].append(view)

    def gaps_to_views(click: Event) -> list[timedelta]:
        return [click.at - v.at for v in by_key[(click.person, click.creative_id)]]

    human = [c for c in clicks.values() if not is_bot(c.user_agent)]
    seven = timedelta(days=7)
    # Exactly 7 days (qualifies) and 7 days + 1 s / + 0.5 s (orphans).
    assert any(
        outcomes[c.event_id].status == "qualifying" and seven in gaps_to_views(c)
        for c in human
    )
    for extra in (timedelta(seconds=1), timedelta(milliseconds=500)):
        assert any(
            outcomes[c.event_id].status == "orphan"
            and gaps_to_views(c) == [seven + extra]
            for c in human
        ), extra
    # An orphan without any view of the creative, and one whose view is later.
    assert any(not gaps_to_views(c) for c in human)
    assert any(
        gaps_to_views(c) and all(g < timedelta(0) for g in gaps_to_views(c))
        for c in human
    )
    # Machine clicks at 0 s and 0.5 s, a human one at exactly 1 s.
    deltas: dict[str, set[timedelta]] = defaultdict(set)
    for click_id, outcome in outcomes.items():
        if outcome.view is not None:
            deltas[outcome.status].add(clicks[click_id].at - outcome.view.at)
    assert {timedelta(0), timedelta(milliseconds=500)} <= deltas["machine"]
    assert timedelta(seconds=1) in deltas["qualifying"]


def test_expected_outcomes_of_planted_events(
    evaluated: tuple[dict[str, Event], dict[str, ClickOutcome]], seeds: Seeds
) -> None:
    views, outcomes = evaluated
    view_rows = {trim(r["view_id"]): r for r in seeds.views}
    for view_id, expected in sample_data.EXPECTED_VIEW_OUTCOMES.items():
        assert view_id in view_rows, view_id
        if expected.startswith("rejected:"):
            rows = [r for r in seeds.views if trim(r["view_id"]) == view_id]
            reasons = {rejection_reasons(r, "view", seeds)[:1][0] for r in rows}
            assert reasons == {expected.removeprefix("rejected:")}, view_id
        elif expected == "counted":
            assert view_id in views, view_id
        else:
            assert expected == "invalid_traffic" and view_id not in views, view_id
    for click_id, expected in sample_data.EXPECTED_CLICK_OUTCOMES.items():
        if expected.startswith("rejected:"):
            rows = [r for r in seeds.clicks if trim(r["click_id"]) == click_id]
            assert rows, click_id
            reasons = {rejection_reasons(r, "click", seeds)[0] for r in rows}
            assert reasons == {expected.removeprefix("rejected:")}, click_id
        else:
            assert outcomes[click_id].status == expected, click_id
    for click_id, view_id in sample_data.EXPECTED_ATTRIBUTION.items():
        assert outcomes[click_id].view is not None
        assert outcomes[click_id].view.event_id == view_id, click_id
    clicks = dedupe(valid_events(seeds.clicks, "click", seeds))
    all_views = dedupe(valid_events(seeds.views, "view", seeds))
    for event_id, text in sample_data.EXPECTED_EVENT_UTC.items():
        event = (all_views if event_id.startswith("v_") else clicks)[event_id]
        assert event.at == datetime.fromisoformat(text).replace(tzinfo=UTC), event_id


def test_expected_outcomes_cover_every_planted_id(seeds: Seeds) -> None:
    planted = re.compile(r"[vc]_(case|rej)_")
    view_ids = {trim(r["view_id"]) for r in seeds.views}
    click_ids = {trim(r["click_id"]) for r in seeds.clicks}
    assert {i for i in view_ids if planted.match(i)} == set(
        sample_data.EXPECTED_VIEW_OUTCOMES
    )
    assert {i for i in click_ids if planted.match(i)} == set(
        sample_data.EXPECTED_CLICK_OUTCOMES
    )


def test_every_planted_id_is_documented() -> None:
    source = Path(sample_data.__file__).read_text(encoding="utf-8")
    docstring = sample_data.__doc__ or ""
    planted = (
        set(sample_data.EXPECTED_VIEW_OUTCOMES) - set(sample_data.SUPPORTING_VIEWS)
    ) | set(sample_data.EXPECTED_CLICK_OUTCOMES)
    for event_id in planted:
        stem = re.sub(r"_(\d+|[ab])$", "", re.sub(r"^[vc]_", "", event_id))
        assert stem in docstring, event_id
        assert event_id in source or stem in source


def test_company_with_five_website_forms(seeds: Seeds) -> None:
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in seeds.accounts:
        if (domain := domain_of_website(row["website"])) is not None:
            groups[domain].append(row)
    big = [rows for rows in groups.values() if len({r["website"] for r in rows}) >= 5]
    assert big
    rows = big[0]
    websites = [r["website"] for r in rows]
    assert any(w.startswith("https://") and "/" in w[8:] for w in websites)  # path
    assert any(re.search(r":\d+", w) for w in websites)  # port
    assert any("www." in w.lower() for w in websites)
    assert any(w.endswith(".") for w in websites)
    assert any(w != w.lower() for w in websites)
    stamps = [parse_ts(r["updated_at"]) for r in rows]
    assert None in stamps  # an empty or invalid updated_at
    valid = [s for s in stamps if s is not None]
    assert valid.count(max(valid)) >= 2  # a tie on the most recent updated_at
    canonical, _ = canonical_accounts(seeds)
    ids = [trim(r["account_id"]) for r in rows]
    tied = sorted(i for i, s in zip(ids, stamps, strict=True) if s == max(valid))
    assert {canonical[i] for i in ids} == {tied[0]}


def test_crm_cases(
    seeds: Seeds, evaluated: tuple[dict[str, Event], dict[str, ClickOutcome]]
) -> None:
    views, _ = evaluated
    viewers = {v.person for v in views.values()}
    canonical, by_domain = canonical_accounts(seeds)
    account_ids = {trim(r["account_id"]) for r in seeds.accounts}
    assert sum(not domain_of_website(r["website"]) for r in seeds.accounts) >= 2
    contact_accounts = [trim(r["account_id"]) for r in seeds.contacts]
    assert "" in contact_accounts
    assert any(a and a not in account_ids for a in contact_accounts)
    records = Counter(trim(r["email"]).lower() for r in seeds.contacts)
    multi = [p for p, n in records.items() if n >= 2]
    assert multi
    stamps: dict[str, list[str]] = defaultdict(list)
    for row in seeds.contacts:
        stamps[trim(row["email"]).lower()].append(row["updated_at"])
    assert any(len(set(stamps[p])) < len(stamps[p]) for p in multi)  # a tie
    mapping = person_accounts(seeds, viewers)
    contacts = set(records)

    def domain(person: str) -> str:
        return person.rsplit("@", 1)[1]

    free_with_contact = [p for p in viewers if domain(p) in FREE_MAIL and p in contacts]
    free_without = [p for p in viewers if domain(p) in FREE_MAIL and p not in contacts]
    assert any(mapping[p] for p in free_with_contact)
    assert free_without and all(mapping[p] is None for p in free_without)
    # A free-mail domain that is also a company's website never maps by domain.
    assert any(domain(p) in by_domain for p in free_without)
    fallback = [
        p
        for p in viewers
        if p not in contacts and domain(p) in by_domain and domain(p) not in FREE_MAIL
    ]
    assert len(fallback) >= 10 and all(mapping[p] for p in fallback)
    corporate_unmapped = [
        p for p in viewers if domain(p) not in FREE_MAIL and mapping[p] is None
    ]
    assert corporate_unmapped
    for person, expected in sample_data.EXPECTED_PERSON_ACCOUNT.items():
        assert person in viewers, person
        assert mapping[person] == expected, person
    for account_id, expected in sample_data.EXPECTED_CANONICAL_ACCOUNT.items():
        assert canonical[account_id] == expected, account_id


def test_employee_counts_cover_every_band_and_bad_values(seeds: Seeds) -> None:
    values = [r["employee_count"] for r in seeds.accounts]
    for boundary in (50, 51, 200, 201, 1000, 1001, 5000, 5001):
        assert str(boundary) in values, boundary
    for bad in ("", "0", "-5", "12.5", "1,200"):
        assert bad in values, bad
    assert any(v.strip() and not re.fullmatch(r"-?[\d.,]+", v) for v in values)  # text


def test_labels_channels_and_booleans(seeds: Seeds) -> None:
    channels = [r["channel"] for r in seeds.campaigns]
    assert "" in channels
    assert {trim(c).lower() for c in channels} == {"ad", "email", "link", ""}
    assert any(c != trim(c) for c in channels)
    assert any(trim(c) != trim(c).lower() for c in channels)
    labels = [r[k] for r in seeds.campaigns for k in ("audience", "funnel_stage")]
    assert any(v != trim(v) for v in labels)
    industries = {trim(r["industry"]) for r in seeds.accounts}
    assert {
        "Software",
        "Healthcare",
        "Finance",
        "Retail",
        "Manufacturing",
        "Education",
        "",
    } <= industries
    by_campaign: dict[str, list[Row]] = defaultdict(list)
    for row in seeds.creatives:
        by_campaign[trim(row["campaign_id"])].append(row)
    assert set(by_campaign) == {trim(r["campaign_id"]) for r in seeds.campaigns}
    for rows in by_campaign.values():
        assert 2 <= len(rows) <= 4
        assert sum(is_true(r["is_control"]) for r in rows) == 1
    spellings = {r["is_control"] for r in seeds.creatives} | {
        r["is_target"] for r in seeds.accounts
    }
    assert {"true", "TRUE", "yes", "1", "false", "no", "0", ""} <= spellings
    per_channel = Counter(trim(r["channel"]).lower() for r in seeds.campaigns)
    assert all(per_channel[c] >= 3 for c in ("ad", "email", "link"))


def _check_worked_example(seeds: Seeds) -> None:
    campaign_id = sample_data.WORKED_EXAMPLE_CAMPAIGN_ID
    (campaign,) = [r for r in seeds.campaigns if r["campaign_id"] == campaign_id]
    assert trim(campaign["channel"]).lower() == "ad"
    creatives = [r for r in seeds.creatives if r["campaign_id"] == campaign_id]
    assert {r["creative_id"] for r in creatives} == set(
        sample_data.WORKED_EXAMPLE_CREATIVE_IDS
    )
    assert sum(is_true(r["is_control"]) for r in creatives) == 1

    canonical, _ = canonical_accounts(seeds)
    by_id = {trim(r["account_id"]): r for r in seeds.accounts}
    targets = {c for c in set(canonical.values()) if is_true(by_id[c]["is_target"])}
    assert len(targets) == 100
    target_domains = [domain_of_website(by_id[t]["website"]) for t in targets]
    assert None not in target_domains and len(set(target_domains)) == 100
    assert all(list(canonical.values()).count(t) == 1 for t in targets)  # own domain
    contacted = {canonical.get(trim(r["account_id"])) for r in seeds.contacts}
    assert targets <= contacted

    # Every row of the campaign is clean: valid, human, not duplicated.
    for rows, kind in ((seeds.views, "view"), (seeds.clicks, "click")):
        id_col = "view_id" if kind == "view" else "click_id"
        mine = [r for r in rows if trim(r["campaign_id"]) == campaign_id]
        assert mine
        # Its creatives appear nowhere else (no rejected row either).
        assert all(
            trim(r["campaign_id"]) == campaign_id
            for r in rows
            if trim(r["creative_id"]) in sample_data.WORKED_EXAMPLE_CREATIVE_IDS
            and not rejection_reasons(r, kind, seeds)
        )
        assert all(not rejection_reasons(r, kind, seeds) for r in mine)
        assert all(not is_bot(r["user_agent"]) for r in mine)
        ids = Counter(trim(r[id_col]) for r in rows)
        assert all(ids[trim(r[id_col])] == 1 for r in mine)

    views, outcomes = evaluate(seeds)
    mine_views = [v for v in views.values() if v.campaign_id == campaign_id]
    viewers = {v.person for v in mine_views}
    records = Counter(trim(r["email"]).lower() for r in seeds.contacts)
    assert all(records[p] == 1 for p in viewers)  # mapped by their one contact
    mapping = person_accounts(seeds, viewers)
    assert None not in mapping.values()
    accounts_viewed = {mapping[p] for p in viewers}
    clicks = [
        (cid, o)
        for cid, o in outcomes.items()
        if o.view is not None and o.view.campaign_id == campaign_id
    ]
    assert all(o.status == "qualifying" for _, o in clicks)
    all_clicks = dedupe(valid_events(seeds.clicks, "click", seeds))
    for click_id, outcome in clicks:
        delay = all_clicks[click_id].at - outcome.view.at  # type: ignore[union-attr]
        assert timedelta(seconds=5) <= delay <= timedelta(days=1)
    mine_clicks = [c for c in all_clicks.values() if c.campaign_id == campaign_id]
    assert len(mine_clicks) == len(clicks)  # no orphan, double or machine click
    accounts_clicked = {mapping[o.view.person] for _, o in clicks}  # type: ignore[union-attr]
    assert accounts_viewed <= targets
    assert len(accounts_viewed) == 80
    assert len(accounts_clicked) == 20
    assert accounts_clicked <= accounts_viewed


def test_worked_example_campaign(seeds: Seeds) -> None:
    _check_worked_example(seeds)


def _per_day(instants: Iterable[datetime]) -> Counter[date]:
    return Counter(instant.date() for instant in instants)


def _trailing_median(counts: Counter[date], day: date) -> float:
    return statistics.median(counts[day - timedelta(days=n)] for n in range(1, 8))


def _check_broken_day(seeds: Seeds) -> None:
    """The broken day holds every tracking problem the warnings look for."""
    day = sample_data.BROKEN_DAY
    views, outcomes = evaluate(seeds)
    all_views = dedupe(valid_events(seeds.views, "view", seeds))
    clicks = dedupe(valid_events(seeds.clicks, "click", seeds))
    # Outage: random campaigns' counted views fall to at most 20 % of the
    # median of the 7 days before; all counted views to at most 40 %.
    random_views = _per_day(
        v.at
        for v in views.values()
        if sample_data.RANDOM_EVENT_ID.fullmatch(v.event_id)
        and v.campaign_id != sample_data.WORKED_EXAMPLE_CAMPAIGN_ID
    )
    assert random_views[day] <= 0.2 * _trailing_median(random_views, day)
    counted = _per_day(v.at for v in views.values())
    assert counted[day] <= 0.4 * _trailing_median(counted, day)
    # Bot storm.
    bots = _per_day(v.at for v in all_views.values() if is_bot(v.user_agent))
    bot_clicks = _per_day(c.at for c in clicks.values() if is_bot(c.user_agent))
    assert bots[day] >= 100 and bot_clicks[day] >= 30
    assert bots[day] > 10 * max(n for d, n in bots.items() if d != day)
    # Orphan and machine spikes, by the click's own day.
    by_status: dict[str, Counter[date]] = defaultdict(Counter)
    for click_id, outcome in outcomes.items():
        by_status[outcome.status][clicks[click_id].at.date()] += 1
    assert by_status["orphan"][day] >= 25
    assert by_status["machine"][day] >= 10
    assert by_status["machine"][day] > by_status["qualifying"][day]
    # A burst of unmapped people: the mail gateway's domain has no account.
    gateway = {
        v.person
        for v in views.values()
        if v.at.date() == day
        and v.person.endswith("@" + sample_data.BROKEN_DAY_GATEWAY_DOMAIN)
    }
    assert len(gateway) >= 10
    assert set(person_accounts(seeds, gateway).values()) == {None}


def test_broken_day(seeds: Seeds) -> None:
    _check_broken_day(seeds)


@pytest.mark.parametrize("seed", [7, 2026])
def test_worked_example_and_planted_cases_hold_for_any_seed(
    tmp_path: Path, seed: int
) -> None:
    sample_data.write_seeds(sample_data.generate(seed), tmp_path)
    other = read_seeds(tmp_path)
    _check_worked_example(other)
    _check_broken_day(other)
    _, outcomes = evaluate(other)
    for click_id, expected in sample_data.EXPECTED_CLICK_OUTCOMES.items():
        if not expected.startswith("rejected:"):
            assert outcomes[click_id].status == expected, (seed, click_id)
