"""Independent pure-Python reference implementation of the CTR data contract.

The contract is ``shared/spec/ctr_contract.md``. This module re-implements
rules 1-10, the section 3 measures, the section 4 marts and the section 5
trust columns without SQL, so that an end-to-end test can check every row the
dbt project builds against a second, independent reading of the contract.

Where the contract is silent, the project's decisions are followed; each is
stated in the docstring of the function that applies it.

Public API:

- :func:`load_raw` reads the six seed CSVs into :class:`RawData` the way dbt
  seeds load them (every column text, blank values null).
- :func:`compute_marts` returns the rows of every public mart.
- :func:`evaluate` exposes the per-event outcome of rules 1-8, for tests.
"""

from __future__ import annotations

import csv
import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import astuple, dataclass, field, replace
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

from ctr_tools.contract import RAW_COLUMNS

Row = dict[str, str | None]
MartRow = dict[str, object]

SEED_COLUMNS = RAW_COLUMNS

# dbt-duckdb loads seeds with DuckDB's CSV reader (its default ``fast``
# path): an empty field, quoted or not, arrives as null and every other value
# as written. A value of spaces and tabs only trims to empty, and the contract
# treats null and empty alike, so it is null here too.

GRAINS = ("day", "week", "month", "all_time")
UNKNOWN = "unknown"
TRIM_CHARS = " \t"
TRUE_VALUES = frozenset({"true", "yes", "1"})
REJECTION_REASONS = (
    "missing_id",
    "invalid_timestamp",
    "invalid_email",
    "unknown_campaign",
    "unknown_creative",
)
SIZE_BANDS = (
    (1, 50, "1-50"),
    (51, 200, "51-200"),
    (201, 1000, "201-1000"),
    (1001, 5000, "1001-5000"),
)
MAX_BIGINT = 2**63 - 1

# Event outcomes, one per raw view or click row (section 5 column names).
REJECTED = "rejected"
DUPLICATE = "duplicate"
INVALID_TRAFFIC = "invalid_traffic"
COUNTED = "counted"
DOUBLE = "double"
ORPHAN = "orphan"
MACHINE = "machine"
QUALIFYING = "qualifying"
VIEW_OUTCOMES = (REJECTED, DUPLICATE, INVALID_TRAFFIC, COUNTED)
CLICK_OUTCOMES = (
    REJECTED,
    DUPLICATE,
    INVALID_TRAFFIC,
    DOUBLE,
    ORPHAN,
    MACHINE,
    QUALIFYING,
)


# --------------------------------------------------------------------------
# Inputs and configuration
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class RawData:
    """The six seeds as loaded: one dict per row, every value text or None."""

    views: list[Row] = field(default_factory=list)
    clicks: list[Row] = field(default_factory=list)
    contacts: list[Row] = field(default_factory=list)
    accounts: list[Row] = field(default_factory=list)
    campaigns: list[Row] = field(default_factory=list)
    creatives: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class Config:
    """The contract's dbt vars, with the contract's defaults."""

    invalid_traffic_user_agent_patterns: tuple[str, ...] = (
        "bot",
        "crawl",
        "spider",
        "headless",
        "scanner",
    )
    double_click_seconds: float = 30
    attribution_window_days: float = 7
    min_seconds_view_to_click: float = 1
    free_email_domains: tuple[str, ...] = (
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
    )
    wilson_z: float = 1.959964
    significance_z: float = 1.96


def seed_value(value: str | None) -> str | None:
    """Return a CSV cell as loaded: empty or spaces/tabs only -> None."""
    if value is None or not value.strip(TRIM_CHARS):
        return None
    return value


def read_seed(path: Path, columns: tuple[str, ...]) -> list[Row]:
    """Read one seed CSV; every column text, blank values None."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return [{c: seed_value(record.get(c)) for c in columns} for record in reader]


def load_raw(seeds_dir: Path) -> RawData:
    """Load the six seed CSVs of ``seeds_dir`` (``raw_views.csv``, ...)."""
    seeds_dir = Path(seeds_dir)
    tables = {
        name: read_seed(seeds_dir / f"{name}.csv", columns)
        for name, columns in SEED_COLUMNS.items()
    }
    return RawData(
        views=tables["raw_views"],
        clicks=tables["raw_clicks"],
        contacts=tables["raw_contacts"],
        accounts=tables["raw_accounts"],
        campaigns=tables["raw_campaigns"],
        creatives=tables["raw_creatives"],
    )


# --------------------------------------------------------------------------
# Cleaning of single values (section 1 formats, rules 2, 9, 10)
# --------------------------------------------------------------------------

_TIMESTAMP = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
    r"[ T](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})"
    r"(?:\.(?P<fraction>[0-9]+))?"
    r"(?P<offset>Z|[+-][0-9]{2}:[0-9]{2})?"
)
_WHOLE_NUMBER = re.compile(r"[0-9]+")
_SCHEME = re.compile(r"https?://")


def trim(value: str | None) -> str | None:
    """Remove surrounding spaces and tabs; empty becomes None."""
    if value is None:
        return None
    trimmed = value.strip(TRIM_CHARS)
    return trimmed or None


def clean_channel(value: str | None) -> str:
    """Trim and lower-case a channel; an empty channel is ``unknown``."""
    trimmed = trim(value)
    return trimmed.lower() if trimmed is not None else UNKNOWN


def clean_industry(value: str | None) -> str:
    """Trim an industry; an empty industry is ``unknown`` (rule 10)."""
    return trim(value) or UNKNOWN


def parse_bool(value: str | None) -> bool:
    """``true``, ``yes`` or ``1`` in any case are true; all else is false."""
    trimmed = trim(value)
    return trimmed is not None and trimmed.lower() in TRUE_VALUES


def parse_employee_count(value: str | None) -> int | None:
    """A whole number of at least 1 (digits only), else None."""
    trimmed = trim(value)
    if trimmed is None or not _WHOLE_NUMBER.fullmatch(trimmed):
        return None
    number = int(trimmed)
    return number if 1 <= number <= MAX_BIGINT else None


def parse_timestamp(value: str | None) -> datetime | None:
    """Parse a contract timestamp to a naive UTC datetime, or None.

    Accepted shape, after trimming spaces and tabs:
    ``YYYY-MM-DD[ T]HH:MM:SS(.fraction)?(Z|[+-]HH:MM)?``, a real calendar
    date, hour 00-23, minute and second 00-59, offset hour 00-23 and minute
    00-59. Fractions beyond six digits are truncated to microseconds. No
    offset means UTC.
    """
    trimmed = trim(value)
    if trimmed is None:
        return None
    match = _TIMESTAMP.fullmatch(trimmed)
    if match is None:
        return None
    parts = match.groupdict()
    hour, minute, second = (int(parts[k]) for k in ("hour", "minute", "second"))
    if hour > 23 or minute > 59 or second > 59:
        return None
    microsecond = int((parts["fraction"] or "0")[:6].ljust(6, "0"))
    try:
        local = datetime(
            int(parts["year"]),
            int(parts["month"]),
            int(parts["day"]),
            hour,
            minute,
            second,
            microsecond,
        )
    except ValueError:
        return None
    offset = parse_offset(parts["offset"])
    if offset is None:
        return None
    try:
        return local - offset
    except OverflowError:
        return None


def parse_offset(value: str | None) -> timedelta | None:
    """``Z`` or absent is zero; ``+HH:MM`` / ``-HH:MM`` within 23:59."""
    if value is None or value == "Z":
        return timedelta(0)
    hours, minutes = int(value[1:3]), int(value[4:6])
    if hours > 23 or minutes > 59:
        return None
    magnitude = timedelta(hours=hours, minutes=minutes)
    return magnitude if value[0] == "+" else -magnitude


def normalise_email(value: str | None) -> str | None:
    """Rule 1 and 2: the trimmed, lower-cased email, or None when invalid.

    Invalid: empty, no ``@``, nothing before the first ``@`` or nothing after
    the last one.
    """
    trimmed = trim(value)
    if trimmed is None or "@" not in trimmed:
        return None
    if trimmed.startswith("@") or trimmed.endswith("@"):
        return None
    return trimmed.lower()


def email_domain(email: str) -> str:
    """Rule 2: what follows the last ``@``."""
    return email.rsplit("@", 1)[1]


def website_domain(website: str | None) -> str | None:
    """Rule 9: the domain of a website, or None when there is none.

    Lower-cased and trimmed, without ``http://`` / ``https://``, without a
    leading ``www.``, without path, query, fragment or port, without one
    trailing dot.
    """
    trimmed = trim(website)
    if trimmed is None:
        return None
    domain = _SCHEME.sub("", trimmed.lower(), count=1)
    domain = domain.removeprefix("www.")
    for separator in ("/", "?", "#", ":"):
        domain = domain.split(separator, 1)[0]
    domain = domain.removesuffix(".")
    return domain or None


def company_size_band(employee_count: int | None) -> str:
    """Rule 10: the size band of an employee count, ``unknown`` when null."""
    if employee_count is None:
        return UNKNOWN
    for low, high, band in SIZE_BANDS:
        if low <= employee_count <= high:
            return band
    return "5001+"


def none_first(values: Iterable[object]) -> tuple[tuple[object, ...], ...]:
    """A sort key for a tuple of values where None sorts before anything."""
    return tuple((0,) if value is None else (1, value) for value in values)


def recency_key(updated_at: datetime | None) -> tuple[int, datetime]:
    """Sort key where a later update is larger and a missing one oldest."""
    if updated_at is None:
        return (0, datetime.min)
    return (1, updated_at)


# --------------------------------------------------------------------------
# Dimensions: campaigns, creatives, accounts (rule 9), contacts (rule 8)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Campaign:
    """A cleaned campaign record."""

    campaign_id: str
    campaign_name: str | None
    channel: str
    audience: str | None
    funnel_stage: str | None


@dataclass(frozen=True)
class Creative:
    """A cleaned creative record."""

    creative_id: str
    campaign_id: str | None
    creative_name: str | None
    offer: str | None
    is_control: bool


@dataclass(frozen=True)
class Account:
    """A cleaned CRM account record."""

    account_id: str
    account_name: str | None
    website: str | None
    industry: str
    employee_count: int | None
    is_target: bool
    updated_at: datetime | None

    @property
    def domain(self) -> str | None:
        """Rule 9 domain of the record's website."""
        return website_domain(self.website)


@dataclass(frozen=True)
class Contact:
    """A cleaned CRM contact record."""

    contact_id: str | None
    email: str | None
    account_id: str | None
    updated_at: datetime | None


@dataclass(frozen=True)
class Dimensions:
    """Deduplicated dimensions and the account maps of rules 8 and 9."""

    campaigns: dict[str, Campaign]
    creatives: dict[str, Creative]
    accounts: dict[str, Account]
    canonical_of: dict[str, str]
    canonical_by_domain: dict[str, str]
    source_record_counts: dict[str, int]
    contact_by_email: dict[str, Contact]

    def control_of(self, campaign_id: str) -> str | None:
        """A campaign's control: its ``is_control`` creative, smallest id."""
        controls = [
            c.creative_id
            for c in self.creatives.values()
            if c.campaign_id == campaign_id and c.is_control
        ]
        return min(controls) if controls else None


DimensionRecord = TypeVar("DimensionRecord", Campaign, Creative)


def clean_campaign(row: Row) -> Campaign | None:
    """Clean a raw campaign row; None when it has no id."""
    campaign_id = trim(row.get("campaign_id"))
    if campaign_id is None:
        return None
    return Campaign(
        campaign_id=campaign_id,
        campaign_name=trim(row.get("campaign_name")),
        channel=clean_channel(row.get("channel")),
        audience=trim(row.get("audience")),
        funnel_stage=trim(row.get("funnel_stage")),
    )


def clean_creative(row: Row) -> Creative | None:
    """Clean a raw creative row; None when it has no id."""
    creative_id = trim(row.get("creative_id"))
    if creative_id is None:
        return None
    return Creative(
        creative_id=creative_id,
        campaign_id=trim(row.get("campaign_id")),
        creative_name=trim(row.get("creative_name")),
        offer=trim(row.get("offer")),
        is_control=parse_bool(row.get("is_control")),
    )


def clean_account(row: Row) -> Account | None:
    """Clean a raw account row; None when it has no id."""
    account_id = trim(row.get("account_id"))
    if account_id is None:
        return None
    return Account(
        account_id=account_id,
        account_name=trim(row.get("account_name")),
        website=trim(row.get("website")),
        industry=clean_industry(row.get("industry")),
        employee_count=parse_employee_count(row.get("employee_count")),
        is_target=parse_bool(row.get("is_target")),
        updated_at=parse_timestamp(row.get("updated_at")),
    )


def clean_contact(row: Row) -> Contact:
    """Clean a raw contact row; its email trimmed and lower-cased."""
    email = trim(row.get("email"))
    return Contact(
        contact_id=trim(row.get("contact_id")),
        email=email.lower() if email is not None else None,
        account_id=trim(row.get("account_id")),
        updated_at=parse_timestamp(row.get("updated_at")),
    )


def first_by_values(
    records: Iterable[DimensionRecord], id_of: Callable[[DimensionRecord], str]
) -> dict[str, DimensionRecord]:
    """Per id, keep the record whose tuple of cleaned values sorts first.

    The tuple is the record's cleaned column values in seed column order,
    None sorting before any value.
    """
    kept: dict[str, DimensionRecord] = {}
    for record in records:
        current = kept.get(id_of(record))
        if current is None or none_first(astuple(record)) < none_first(
            astuple(current)
        ):
            kept[id_of(record)] = record
    return kept


def account_tie_key(account: Account) -> tuple[tuple[object, ...], ...]:
    """Tie-break between records of one account id sharing an update time."""
    return none_first(
        (
            account.website,
            account.account_name,
            account.industry,
            account.employee_count,
            account.is_target,
        )
    )


def dedupe_account_ids(records: list[Account]) -> dict[str, Account]:
    """Per account_id keep the most recently updated record.

    An empty or invalid ``updated_at`` is the oldest; ties go to the record
    whose cleaned (website, account_name, industry, employee_count,
    is_target) tuple sorts first, None first.
    """
    kept: dict[str, Account] = {}
    for record in records:
        current = kept.get(record.account_id)
        if current is None or _account_record_first(record, current):
            kept[record.account_id] = record
    return kept


def _account_record_first(record: Account, current: Account) -> bool:
    """True when ``record`` beats ``current`` for the same account id."""
    if recency_key(record.updated_at) != recency_key(current.updated_at):
        return recency_key(record.updated_at) > recency_key(current.updated_at)
    return account_tie_key(record) < account_tie_key(current)


def canonical_accounts(accounts: dict[str, Account]) -> dict[str, str]:
    """Rule 9: map every account id to its company's canonical account id.

    Accounts sharing a non-empty domain are one company; its canonical record
    is the most recently updated (empty/invalid ``updated_at`` oldest), ties
    to the smallest account_id. An account without a domain is its own.
    """
    by_domain: dict[str, list[Account]] = defaultdict(list)
    canonical_of: dict[str, str] = {}
    for account in accounts.values():
        if account.domain is None:
            canonical_of[account.account_id] = account.account_id
        else:
            by_domain[account.domain].append(account)
    for members in by_domain.values():
        canonical = members[0]
        for member in members[1:]:
            if _canonical_first(member, canonical):
                canonical = member
        for member in members:
            canonical_of[member.account_id] = canonical.account_id
    return canonical_of


def _canonical_first(account: Account, current: Account) -> bool:
    """True when ``account`` beats ``current`` as a company's canonical."""
    if recency_key(account.updated_at) != recency_key(current.updated_at):
        return recency_key(account.updated_at) > recency_key(current.updated_at)
    return account.account_id < current.account_id


def best_contacts(contacts: list[Contact]) -> dict[str, Contact]:
    """Rule 8: per email, the most recently updated contact record.

    Empty or invalid ``updated_at`` is the oldest; ties go to the smallest
    contact_id in text order (a missing contact_id sorts last).
    """
    best: dict[str, Contact] = {}
    for contact in contacts:
        if contact.email is None:
            continue
        current = best.get(contact.email)
        if current is None or _contact_first(contact, current):
            best[contact.email] = contact
    return best


def _contact_first(contact: Contact, current: Contact) -> bool:
    """True when ``contact`` beats ``current`` for the same email."""
    if recency_key(contact.updated_at) != recency_key(current.updated_at):
        return recency_key(contact.updated_at) > recency_key(current.updated_at)
    return _id_last_if_none(contact.contact_id) < _id_last_if_none(current.contact_id)


def _id_last_if_none(value: str | None) -> tuple[int, str]:
    """Sort key for an id where None sorts after every id."""
    return (1, "") if value is None else (0, value)


def build_dimensions(raw: RawData) -> Dimensions:
    """Clean and deduplicate every dimension seed."""
    campaigns = [c for c in map(clean_campaign, raw.campaigns) if c is not None]
    creatives = [c for c in map(clean_creative, raw.creatives) if c is not None]
    account_records = [a for a in map(clean_account, raw.accounts) if a is not None]
    accounts = dedupe_account_ids(account_records)
    canonical_of = canonical_accounts(accounts)
    canonical_by_domain = {
        a.domain: canonical_of[a.account_id]
        for a in accounts.values()
        if a.domain is not None
    }
    source_record_counts = Counter(canonical_of[a.account_id] for a in account_records)
    return Dimensions(
        campaigns=first_by_values(campaigns, lambda c: c.campaign_id),
        creatives=first_by_values(creatives, lambda c: c.creative_id),
        accounts=accounts,
        canonical_of=canonical_of,
        canonical_by_domain=canonical_by_domain,
        source_record_counts=dict(source_record_counts),
        contact_by_email=best_contacts([clean_contact(r) for r in raw.contacts]),
    )


def resolve_account(person: str, dims: Dimensions, config: Config) -> str | None:
    """Rule 8: a person's canonical account id, or None when unmapped."""
    contact = dims.contact_by_email.get(person)
    if contact is not None and contact.account_id in dims.canonical_of:
        return dims.canonical_of[contact.account_id]
    domain = email_domain(person)
    free = {d.strip(TRIM_CHARS).lower() for d in config.free_email_domains}
    if domain in free:
        return None
    return dims.canonical_by_domain.get(domain)


# --------------------------------------------------------------------------
# Events: rules 1-7
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One raw view or click row, parsed, with its rule 1 verdict."""

    event_type: str
    position: int
    raw: Row
    event_id: str | None
    at: datetime | None
    person: str | None
    campaign_id: str | None
    creative_id: str | None
    user_agent: str | None
    channel: str
    reason: str | None

    @property
    def day(self) -> date | None:
        """The UTC date of the event's timestamp (None when invalid)."""
        return self.at.date() if self.at is not None else None


def parse_event(event_type: str, position: int, row: Row, dims: Dimensions) -> Event:
    """Parse a raw view or click row and apply rule 1 (rejection)."""
    id_column, at_column = (
        ("view_id", "viewed_at") if event_type == "view" else ("click_id", "clicked_at")
    )
    campaign_id = trim(row.get("campaign_id"))
    campaign = dims.campaigns.get(campaign_id) if campaign_id is not None else None
    event = Event(
        event_type=event_type,
        position=position,
        raw=row,
        event_id=trim(row.get(id_column)),
        at=parse_timestamp(row.get(at_column)),
        person=normalise_email(row.get("email")),
        campaign_id=campaign_id,
        creative_id=trim(row.get("creative_id")),
        user_agent=row.get("user_agent"),
        channel=campaign.channel if campaign is not None else UNKNOWN,
        reason=None,
    )
    return replace(event, reason=rejection_reason(event, dims))


def rejection_reason(event: Event, dims: Dimensions) -> str | None:
    """Rule 1: the first rejection reason that applies, or None."""
    if event.event_id is None:
        return "missing_id"
    if event.at is None:
        return "invalid_timestamp"
    if event.person is None:
        return "invalid_email"
    if event.campaign_id is None or event.campaign_id not in dims.campaigns:
        return "unknown_campaign"
    creative = dims.creatives.get(event.creative_id or "")
    if creative is None or creative.campaign_id != event.campaign_id:
        return "unknown_creative"
    return None


def deduplicate(events: list[Event]) -> tuple[list[Event], set[int]]:
    """Rule 3: per event id keep the earliest valid row (ties: file order).

    Returns the kept events in file order and the positions of the
    duplicate copies.
    """
    kept: dict[str, Event] = {}
    for event in events:
        if event.reason is not None:
            continue
        current = kept.get(event.event_id)
        if current is None or event.at < current.at:
            kept[event.event_id] = event
    kept_positions = {e.position for e in kept.values()}
    duplicates = {
        e.position
        for e in events
        if e.reason is None and e.position not in kept_positions
    }
    return sorted(kept.values(), key=lambda e: e.position), duplicates


def is_invalid_traffic(user_agent: str | None, config: Config) -> bool:
    """Rule 4: the user agent contains a pattern, case-insensitively."""
    if user_agent is None:
        return False
    agent = user_agent.lower()
    return any(p.lower() in agent for p in config.invalid_traffic_user_agent_patterns)


def first_rules(
    events: list[Event], config: Config
) -> tuple[dict[int, str], list[Event]]:
    """Rules 1, 3 and 4: outcome per position and the events left after."""
    outcomes = {e.position: REJECTED for e in events if e.reason is not None}
    kept, duplicates = deduplicate(events)
    outcomes.update({position: DUPLICATE for position in duplicates})
    left: list[Event] = []
    for event in kept:
        if is_invalid_traffic(event.user_agent, config):
            outcomes[event.position] = INVALID_TRAFFIC
        else:
            left.append(event)
    return outcomes, left


def double_clicks(clicks: list[Event], config: Config) -> set[int]:
    """Rule 5: positions of clicks under ``double_click_seconds`` after the
    same person's previous click on the same creative (ordered by time then
    click id; the previous click counts whether or not it was a double)."""
    limit = timedelta(seconds=config.double_click_seconds)
    by_key: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for click in clicks:
        by_key[(click.person, click.creative_id)].append(click)
    doubles: set[int] = set()
    for group in by_key.values():
        group.sort(key=lambda c: (c.at, c.event_id))
        for previous, current in pairwise(group):
            if current.at - previous.at < limit:
                doubles.add(current.position)
    return doubles


@dataclass(frozen=True)
class ViewIndex:
    """Counted views of one person on one creative, sorted by time."""

    times: list[datetime]
    view_ids: list[str]

    def latest_at_or_before(self, moment: datetime) -> tuple[datetime, str] | None:
        """Latest view at or before ``moment``; ties to the smallest view id."""
        end = bisect_right(self.times, moment)
        if end == 0:
            return None
        latest = self.times[end - 1]
        start = end - 1
        while start > 0 and self.times[start - 1] == latest:
            start -= 1
        return latest, min(self.view_ids[start:end])


def index_views(views: list[Event]) -> dict[tuple[str, str], ViewIndex]:
    """Counted views per (person, creative), for rule 6."""
    grouped: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for view in views:
        grouped[(view.person, view.creative_id)].append(view)
    index: dict[tuple[str, str], ViewIndex] = {}
    for key, group in grouped.items():
        group.sort(key=lambda v: v.at)
        index[key] = ViewIndex([v.at for v in group], [v.event_id for v in group])
    return index


def attribute(
    click: Event, views: dict[tuple[str, str], ViewIndex], config: Config
) -> tuple[str, str | None]:
    """Rules 6 and 7 for one click: (outcome, attributed view id)."""
    index = views.get((click.person, click.creative_id))
    found = index.latest_at_or_before(click.at) if index is not None else None
    if found is None:
        return ORPHAN, None
    viewed_at, view_id = found
    if click.at - viewed_at > timedelta(days=config.attribution_window_days):
        return ORPHAN, None
    if click.at - viewed_at < timedelta(seconds=config.min_seconds_view_to_click):
        return MACHINE, None
    return QUALIFYING, view_id


@dataclass(frozen=True)
class Evaluation:
    """Per-event outcomes of rules 1-8."""

    dims: Dimensions
    views: list[Event]
    clicks: list[Event]
    view_outcomes: dict[int, str]
    click_outcomes: dict[int, str]
    click_view: dict[int, str]
    counted_views: list[Event]
    person_account: dict[str, str | None]

    def view_outcome(self, view_id: str) -> list[str]:
        """Outcomes of the raw rows whose trimmed id is ``view_id``."""
        return [
            self.view_outcomes[e.position] for e in self.views if e.event_id == view_id
        ]

    def click_outcome(self, click_id: str) -> list[str]:
        """Outcomes of the raw rows whose trimmed id is ``click_id``."""
        return [
            self.click_outcomes[e.position]
            for e in self.clicks
            if e.event_id == click_id
        ]


def evaluate(raw: RawData, config: Config = Config()) -> Evaluation:
    """Apply rules 1-8 to every raw event row."""
    dims = build_dimensions(raw)
    views = [parse_event("view", i, row, dims) for i, row in enumerate(raw.views)]
    clicks = [parse_event("click", i, row, dims) for i, row in enumerate(raw.clicks)]
    view_outcomes, counted_views = first_rules(views, config)
    view_outcomes.update({v.position: COUNTED for v in counted_views})
    click_outcomes, human_clicks = first_rules(clicks, config)
    doubles = double_clicks(human_clicks, config)
    view_index = index_views(counted_views)
    click_view: dict[int, str] = {}
    for click in human_clicks:
        if click.position in doubles:
            click_outcomes[click.position] = DOUBLE
            continue
        outcome, view_id = attribute(click, view_index, config)
        click_outcomes[click.position] = outcome
        if view_id is not None:
            click_view[click.position] = view_id
    people = {v.person for v in counted_views}
    person_account = {p: resolve_account(p, dims, config) for p in people}
    return Evaluation(
        dims=dims,
        views=views,
        clicks=clicks,
        view_outcomes=view_outcomes,
        click_outcomes=click_outcomes,
        click_view=click_view,
        counted_views=counted_views,
        person_account=person_account,
    )


# --------------------------------------------------------------------------
# Measures (section 3)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ViewFact:
    """A counted view with its person's account and attributed clicks."""

    view_id: str
    day: date
    person: str
    campaign_id: str
    creative_id: str
    account_id: str | None
    clicks: int


@dataclass(frozen=True)
class Measures:
    """The section 3 counts of one slice."""

    views: int
    clicks: int
    viewers: int
    clickers: int
    accounts_viewed: int
    accounts_clicked: int


def view_facts(evaluation: Evaluation) -> list[ViewFact]:
    """One fact per counted view, with the qualifying clicks it got."""
    clicks_per_view = Counter(evaluation.click_view.values())
    return [
        ViewFact(
            view_id=v.event_id,
            day=v.at.date(),
            person=v.person,
            campaign_id=v.campaign_id,
            creative_id=v.creative_id,
            account_id=evaluation.person_account[v.person],
            clicks=clicks_per_view[v.event_id],
        )
        for v in evaluation.counted_views
    ]


def measure(facts: Iterable[ViewFact]) -> Measures:
    """Compute the section 3 counts of a slice from its view facts."""
    views = clicks = 0
    viewers: set[str] = set()
    clickers: set[str] = set()
    accounts_viewed: set[str] = set()
    accounts_clicked: set[str] = set()
    for fact in facts:
        views += 1
        clicks += fact.clicks
        viewers.add(fact.person)
        if fact.account_id is not None:
            accounts_viewed.add(fact.account_id)
        if fact.clicks:
            clickers.add(fact.person)
            if fact.account_id is not None:
                accounts_clicked.add(fact.account_id)
    return Measures(
        views=views,
        clicks=clicks,
        viewers=len(viewers),
        clickers=len(clickers),
        accounts_viewed=len(accounts_viewed),
        accounts_clicked=len(accounts_clicked),
    )


def ratio(numerator: int, denominator: int) -> float | None:
    """numerator / denominator, None when the denominator is 0."""
    return numerator / denominator if denominator else None


def wilson_interval(
    successes: int, trials: int, z: float
) -> tuple[float | None, float | None]:
    """The Wilson score interval of successes/trials; (None, None) at n = 0.

    center = (p + z²/(2n)) / (1 + z²/n),
    half = z / (1 + z²/n) * sqrt(p(1-p)/n + z²/(4n²));
    the lower bound is exactly 0 when x = 0, the upper exactly 1 when x = n.
    """
    if trials == 0:
        return None, None
    n = trials
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    center = (p + z2 / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    lower = 0.0 if successes == 0 else center - half
    upper = 1.0 if successes == trials else center + half
    return lower, upper


def person_rates(m: Measures, z: float) -> MartRow:
    """ctr, its Wilson interval and event_ctr."""
    lower, upper = wilson_interval(m.clickers, m.viewers, z)
    return {
        "ctr": ratio(m.clickers, m.viewers),
        "ctr_lower": lower,
        "ctr_upper": upper,
        "event_ctr": ratio(m.clicks, m.views),
    }


def account_rates(m: Measures, z: float) -> MartRow:
    """account_ctr and its Wilson interval."""
    lower, upper = wilson_interval(m.accounts_clicked, m.accounts_viewed, z)
    return {
        "account_ctr": ratio(m.accounts_clicked, m.accounts_viewed),
        "account_ctr_lower": lower,
        "account_ctr_upper": upper,
    }


def person_counts(m: Measures) -> MartRow:
    """views, clicks, viewers, clickers."""
    return {
        "views": m.views,
        "clicks": m.clicks,
        "viewers": m.viewers,
        "clickers": m.clickers,
    }


def account_counts(m: Measures) -> MartRow:
    """accounts_viewed, accounts_clicked."""
    return {
        "accounts_viewed": m.accounts_viewed,
        "accounts_clicked": m.accounts_clicked,
    }


def period_starts(day: date) -> Iterator[tuple[str, date]]:
    """The day, week (Monday) and month periods a day falls in."""
    yield "day", day
    yield "week", day - timedelta(days=day.weekday())
    yield "month", day.replace(day=1)


def previous_period_start(grain: str, start: date) -> date | None:
    """The start of the period just before (day, week or month).

    None before 0001-01-01, where no date (and so no period) exists.
    """
    try:
        if grain == "day":
            return start - timedelta(days=1)
        if grain == "week":
            return start - timedelta(days=7)
        return (start - timedelta(days=1)).replace(day=1)
    except OverflowError:
        return None


SliceKey = tuple[str, date, tuple[object, ...]]


def slice_facts(
    facts: Iterable[ViewFact],
    keys_of: Callable[[ViewFact], Iterable[tuple[object, ...]]],
) -> dict[SliceKey, list[ViewFact]]:
    """Group facts by (grain, period_start, slice key) for every grain.

    ``all_time`` starts on the first day with a fact in the slice.
    """
    grouped: dict[SliceKey, list[ViewFact]] = defaultdict(list)
    all_time: dict[tuple[object, ...], list[ViewFact]] = defaultdict(list)
    for fact in facts:
        for key in keys_of(fact):
            for grain, start in period_starts(fact.day):
                grouped[(grain, start, key)].append(fact)
            all_time[key].append(fact)
    for key, members in all_time.items():
        grouped[("all_time", min(f.day for f in members), key)] = members
    return grouped


# --------------------------------------------------------------------------
# Significance (section 5)
# --------------------------------------------------------------------------


def two_proportion_z(c1: int, n1: int, c2: int, n2: int) -> float | None:
    """Pooled two-proportion z-score; None when n1 or n2 is 0 or p is 0 or 1."""
    if n1 == 0 or n2 == 0:
        return None
    pooled_successes, pooled_trials = c1 + c2, n1 + n2
    if pooled_successes in (0, pooled_trials):
        return None
    p = pooled_successes / pooled_trials
    return (c1 / n1 - c2 / n2) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))


def is_significant(z: float | None, threshold: float) -> bool | None:
    """|z| >= threshold, None when z is None."""
    return None if z is None else abs(z) >= threshold


def add_creative_significance(
    rows: list[MartRow], dims: Dimensions, config: Config
) -> None:
    """Add control_creative_id, control_ctr, ctr_lift, ctr_z_score and
    is_significant to creative_ctr rows (null on the control's own row and
    where the control has no row in that period)."""
    by_period = {
        (r["period_grain"], _period_match(r), r["creative_id"]): r for r in rows
    }
    for row in rows:
        control_id = dims.control_of(row["campaign_id"])
        control = by_period.get((row["period_grain"], _period_match(row), control_id))
        if control_id is None or control_id == row["creative_id"] or control is None:
            row.update(dict.fromkeys(CREATIVE_SIGNIFICANCE_COLUMNS))
            continue
        control_ctr = control["clickers"] / control["viewers"]
        z = two_proportion_z(
            row["clickers"], row["viewers"], control["clickers"], control["viewers"]
        )
        row.update(
            {
                "control_creative_id": control_id,
                "control_ctr": control_ctr,
                "ctr_lift": row["ctr"] / control_ctr - 1 if control_ctr else None,
                "ctr_z_score": z,
                "is_significant": is_significant(z, config.significance_z),
            }
        )


def _period_match(row: MartRow) -> date | None:
    """The period start to match on; any all_time row matches all_time."""
    return None if row["period_grain"] == "all_time" else row["period_start"]


def add_campaign_significance(rows: list[MartRow], config: Config) -> None:
    """Add previous_ctr, ctr_change_z_score and is_significant_change to
    campaign_ctr rows (against the same campaign's previous period)."""
    by_period = {
        (r["period_grain"], r["period_start"], r["campaign_id"]): r for r in rows
    }
    for row in rows:
        grain = row["period_grain"]
        previous = None
        if grain != "all_time":
            previous_start = previous_period_start(grain, row["period_start"])
            previous = by_period.get((grain, previous_start, row["campaign_id"]))
        if previous is None:
            row.update(dict.fromkeys(CAMPAIGN_SIGNIFICANCE_COLUMNS))
            continue
        z = two_proportion_z(
            row["clickers"], row["viewers"], previous["clickers"], previous["viewers"]
        )
        row.update(
            {
                "previous_ctr": previous["ctr"],
                "ctr_change_z_score": z,
                "is_significant_change": is_significant(z, config.significance_z),
            }
        )


CREATIVE_SIGNIFICANCE_COLUMNS = (
    "control_creative_id",
    "control_ctr",
    "ctr_lift",
    "ctr_z_score",
    "is_significant",
)
CAMPAIGN_SIGNIFICANCE_COLUMNS = (
    "previous_ctr",
    "ctr_change_z_score",
    "is_significant_change",
)


# --------------------------------------------------------------------------
# Marts (section 4) and tracking_health (section 5)
# --------------------------------------------------------------------------


def person_industry(account_id: str | None, dims: Dimensions) -> str:
    """Industry of a person's canonical account, ``unknown`` if unmapped."""
    return dims.accounts[account_id].industry if account_id else UNKNOWN


def person_size_band(account_id: str | None, dims: Dimensions) -> str:
    """Size band of a person's canonical account, ``unknown`` if unmapped."""
    if account_id is None:
        return UNKNOWN
    return company_size_band(dims.accounts[account_id].employee_count)


def campaign_ctr_rows(
    facts: list[ViewFact], dims: Dimensions, config: Config
) -> list[MartRow]:
    """campaign_ctr: one row per (grain, period_start, campaign_id)."""
    rows: list[MartRow] = []
    for (grain, start, (campaign_id,)), members in slice_facts(
        facts, lambda f: [(f.campaign_id,)]
    ).items():
        campaign = dims.campaigns[campaign_id]
        m = measure(members)
        rows.append(
            {
                "period_grain": grain,
                "period_start": start,
                "campaign_id": campaign_id,
                "campaign_name": campaign.campaign_name,
                "channel": campaign.channel,
                "audience": campaign.audience,
                "funnel_stage": campaign.funnel_stage,
                **person_counts(m),
                **person_rates(m, config.wilson_z),
                **account_counts(m),
                **account_rates(m, config.wilson_z),
            }
        )
    add_campaign_significance(rows, config)
    return rows


def creative_ctr_rows(
    facts: list[ViewFact], dims: Dimensions, config: Config
) -> list[MartRow]:
    """creative_ctr: one row per (grain, period_start, campaign, creative)."""
    rows: list[MartRow] = []
    for (grain, start, (campaign_id, creative_id)), members in slice_facts(
        facts, lambda f: [(f.campaign_id, f.creative_id)]
    ).items():
        creative = dims.creatives[creative_id]
        m = measure(members)
        rows.append(
            {
                "period_grain": grain,
                "period_start": start,
                "campaign_id": campaign_id,
                "creative_id": creative_id,
                "creative_name": creative.creative_name,
                "offer": creative.offer,
                "is_control": creative.is_control,
                **person_counts(m),
                **person_rates(m, config.wilson_z),
            }
        )
    add_creative_significance(rows, dims, config)
    return rows


def account_ctr_rows(
    facts: list[ViewFact], dims: Dimensions, config: Config
) -> list[MartRow]:
    """account_ctr: mapped people's views only, per campaign and segment."""

    def keys_of(fact: ViewFact) -> list[tuple[object, ...]]:
        return [
            (fact.campaign_id, "all", "all"),
            (fact.campaign_id, "industry", person_industry(fact.account_id, dims)),
            (
                fact.campaign_id,
                "company_size_band",
                person_size_band(fact.account_id, dims),
            ),
        ]

    mapped = [f for f in facts if f.account_id is not None]
    rows: list[MartRow] = []
    for (
        grain,
        start,
        (campaign_id, segment_type, segment_value),
    ), members in slice_facts(mapped, keys_of).items():
        m = measure(members)
        if m.accounts_viewed == 0:
            continue
        rows.append(
            {
                "period_grain": grain,
                "period_start": start,
                "campaign_id": campaign_id,
                "segment_type": segment_type,
                "segment_value": segment_value,
                **account_counts(m),
                **account_rates(m, config.wilson_z),
            }
        )
    return rows


def segment_ctr_rows(
    facts: list[ViewFact], dims: Dimensions, config: Config
) -> list[MartRow]:
    """segment_ctr: every measure per dimension value, all campaigns."""

    def keys_of(fact: ViewFact) -> list[tuple[object, ...]]:
        campaign = dims.campaigns[fact.campaign_id]
        return [
            ("all", "all"),
            ("channel", campaign.channel),
            ("audience", campaign.audience or UNKNOWN),
            ("funnel_stage", campaign.funnel_stage or UNKNOWN),
            ("industry", person_industry(fact.account_id, dims)),
            ("company_size_band", person_size_band(fact.account_id, dims)),
        ]

    rows: list[MartRow] = []
    for (grain, start, (dimension, value)), members in slice_facts(
        facts, keys_of
    ).items():
        m = measure(members)
        rows.append(
            {
                "period_grain": grain,
                "period_start": start,
                "dimension": dimension,
                "dimension_value": value,
                **person_counts(m),
                **person_rates(m, config.wilson_z),
                **account_counts(m),
                **account_rates(m, config.wilson_z),
            }
        )
    return rows


def dim_accounts_rows(dims: Dimensions) -> list[MartRow]:
    """dim_accounts: one row per canonical account."""
    rows: list[MartRow] = []
    for account_id in sorted(set(dims.canonical_of.values())):
        account = dims.accounts[account_id]
        rows.append(
            {
                "account_id": account_id,
                "account_name": account.account_name,
                "domain": account.domain,
                "industry": account.industry,
                "employee_count": account.employee_count,
                "company_size_band": company_size_band(account.employee_count),
                "is_target_account": account.is_target,
                "source_record_count": dims.source_record_counts[account_id],
            }
        )
    return rows


def rejected_events_rows(evaluation: Evaluation) -> list[MartRow]:
    """rejected_events: rule 1 rejections with their reason and raw row."""
    return [
        {
            "event_type": event.event_type,
            "reason": event.reason,
            "source_row_number": event.position + 1,
            **event.raw,
        }
        for event in [*evaluation.views, *evaluation.clicks]
        if event.reason is not None
    ]


HEALTH_COLUMNS = (
    "raw_views",
    "rejected_views",
    "duplicate_views",
    "invalid_traffic_views",
    "counted_views",
    "unmapped_views",
    "raw_clicks",
    "rejected_clicks",
    "duplicate_clicks",
    "invalid_traffic_clicks",
    "double_clicks",
    "orphan_clicks",
    "machine_clicks",
    "qualifying_clicks",
)


def tracking_health_rows(evaluation: Evaluation) -> list[MartRow]:
    """tracking_health: every raw row counted once per (date_day, channel)."""
    counts: dict[tuple[date | None, str], Counter[str]] = defaultdict(Counter)
    for view in evaluation.views:
        tally = counts[(view.day, view.channel)]
        outcome = evaluation.view_outcomes[view.position]
        tally["raw_views"] += 1
        tally[f"{outcome}_views"] += 1
        if outcome == COUNTED and evaluation.person_account[view.person] is None:
            tally["unmapped_views"] += 1
    for click in evaluation.clicks:
        tally = counts[(click.day, click.channel)]
        tally["raw_clicks"] += 1
        tally[f"{evaluation.click_outcomes[click.position]}_clicks"] += 1
    return [
        {
            "date_day": day,
            "channel": channel,
            **{column: tally[column] for column in HEALTH_COLUMNS},
        }
        for (day, channel), tally in counts.items()
    ]


MART_GRAINS: dict[str, tuple[str, ...]] = {
    "campaign_ctr": ("period_grain", "period_start", "campaign_id"),
    "creative_ctr": ("period_grain", "period_start", "campaign_id", "creative_id"),
    "account_ctr": (
        "period_grain",
        "period_start",
        "campaign_id",
        "segment_type",
        "segment_value",
    ),
    "segment_ctr": ("period_grain", "period_start", "dimension", "dimension_value"),
    "dim_accounts": ("account_id",),
    "rejected_events": ("event_type", "source_row_number"),
    "tracking_health": ("date_day", "channel"),
}


PERSON_MEASURES = ("views", "clicks", "viewers", "clickers")
PERSON_RATES = ("ctr", "ctr_lower", "ctr_upper", "event_ctr")
ACCOUNT_MEASURES = ("accounts_viewed", "accounts_clicked")
ACCOUNT_RATES = ("account_ctr", "account_ctr_lower", "account_ctr_upper")
MART_COLUMNS: dict[str, tuple[str, ...]] = {
    "campaign_ctr": (
        *MART_GRAINS["campaign_ctr"],
        "campaign_name",
        "channel",
        "audience",
        "funnel_stage",
        *PERSON_MEASURES,
        *PERSON_RATES,
        *ACCOUNT_MEASURES,
        *ACCOUNT_RATES,
        *CAMPAIGN_SIGNIFICANCE_COLUMNS,
    ),
    "creative_ctr": (
        *MART_GRAINS["creative_ctr"],
        "creative_name",
        "offer",
        "is_control",
        *PERSON_MEASURES,
        *PERSON_RATES,
        *CREATIVE_SIGNIFICANCE_COLUMNS,
    ),
    "account_ctr": (*MART_GRAINS["account_ctr"], *ACCOUNT_MEASURES, *ACCOUNT_RATES),
    "segment_ctr": (
        *MART_GRAINS["segment_ctr"],
        *PERSON_MEASURES,
        *PERSON_RATES,
        *ACCOUNT_MEASURES,
        *ACCOUNT_RATES,
    ),
    "dim_accounts": (
        "account_id",
        "account_name",
        "domain",
        "industry",
        "employee_count",
        "company_size_band",
        "is_target_account",
        "source_record_count",
    ),
    "tracking_health": (*MART_GRAINS["tracking_health"], *HEALTH_COLUMNS),
}


def compute_marts(raw: RawData, config: Config = Config()) -> dict[str, list[MartRow]]:
    """Compute every public mart's rows from the raw seeds."""
    evaluation = evaluate(raw, config)
    facts = view_facts(evaluation)
    dims = evaluation.dims
    marts = {
        "campaign_ctr": campaign_ctr_rows(facts, dims, config),
        "creative_ctr": creative_ctr_rows(facts, dims, config),
        "account_ctr": account_ctr_rows(facts, dims, config),
        "segment_ctr": segment_ctr_rows(facts, dims, config),
        "dim_accounts": dim_accounts_rows(dims),
        "rejected_events": rejected_events_rows(evaluation),
        "tracking_health": tracking_health_rows(evaluation),
    }
    for name, rows in marts.items():
        rows.sort(key=lambda r, g=MART_GRAINS[name]: none_first(r[c] for c in g))
    return marts
