"""Generate a large, realistic raw dataset for the CTR contract, as Parquet.

The six raw inputs of the contract (``raw_views``, ``raw_clicks``,
``raw_contacts``, ``raw_accounts``, ``raw_campaigns``, ``raw_creatives``) are
written as Parquet files, every column VARCHAR, columns in the contract's
order. DuckDB does the work: every value is a pure SQL function of a row
number and the seed, so a run is deterministic per seed and 100M views take
minutes, not hours.

Usage::

    python -m ctr_tools.scale_data --views 1_000_000 --out data/scale/1000000 --seed 7

Pseudo-random numbers: ``u(k, s)`` is a uniform number in [0, 1) drawn from
DuckDB's 64-bit integer hash of ``(k * 256 + s) xor seed_mix``, where ``k`` is
a row number (view, click, person, account, campaign) and ``s`` a salt that
names what is being drawn. Each salt below is used for one purpose only.

Shapes (shares are of raw rows):

- sizes grow with ``--views``: people = views / 8, accounts (companies) =
  people / 20, 30-60 campaigns (from the seed) with 3-4 creatives each;
- skewed campaign and company sizes (power-law draws), a 10 % core of
  people who see 30 % of the views, nobody with hundreds of views;
- the file is in arrival order: timestamps advance with the row number over
  2026-01-01..2026-06-30, ~0.5 % of events arrive 2-10 days late;
- timestamps in mixed formats: space or ``T``, 0/3/6/9 fractional digits,
  no offset, ``Z``, ``+HH:MM`` or ``-HH:MM`` (local time of that offset);
- ~1 % duplicate event ids (re-deliveries within ~2 hours of rows, 30 %
  with a timestamp a few seconds later); a copy keeps its event's person,
  creative and user agent, so copies tied on the timestamp are identical in
  effect, as the contract assumes; ~1 % bot user agents, ~3 % empty ones;
- ~0.1 % of view and click rows for each rejection reason;
- clicks ~5 % of views: a click follows a view of the same creative by the
  same person, mostly within minutes to days; about 3 % are machine clicks
  (< 1 s), 2 % come more than 7 days later, 6 % have a double click
  (1-29 s later), 1.5 % a second click 30-120 s later, and orphan clicks
  (a person who never saw the creative) add ~3 %;
- ~10 % of people are "clicky", so all-time person CTR stays ~12-15 %
  at every size (event CTR ~4 %);
- CRM: 10 % of companies have 2-3 account records under different website
  forms, 2 % have no website, employee counts and timestamps in messy forms;
  ~12 % of people use free mail, ~4 % a domain unknown to the CRM; about
  60 % of people have contact records, some with a stale second record,
  no account or an account id that does not exist.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ctr_tools.contract import RAW_COLUMNS

TABLE_COLUMNS = RAW_COLUMNS
"""The six raw inputs in write order, with the contract's column order."""

PERIOD_START_US = 1_767_225_600_000_000  # 2026-01-01 00:00:00 UTC
PERIOD_END_US = 1_782_864_000_000_000  # 2026-07-01 00:00:00 UTC (exclusive)
DAY_US = 86_400_000_000


def parse_count(text: str) -> int:
    """Parse a positive count that may carry underscores (``1_000_000``)."""
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from error
    if value < 1000:
        raise argparse.ArgumentTypeError("--views must be at least 1000")
    return value


def seed_mix(seed: int) -> int:
    """A 62-bit constant derived from the seed, xor-ed into every hash input."""
    digest = hashlib.sha256(f"ctr-scale-data:{seed}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 2


@dataclass(frozen=True)
class ScaleConfig:
    """Sizes of one generated dataset, all derived from views and seed."""

    views: int
    seed: int

    @property
    def mix(self) -> int:
        """The seed's hash mix (see :func:`seed_mix`)."""
        return seed_mix(self.seed)

    @property
    def people(self) -> int:
        """Distinct people: one per 8 views."""
        return max(self.views // 8, 100)

    @property
    def companies(self) -> int:
        """Distinct companies: one per 20 people."""
        return max(self.people // 20, 10)

    @property
    def campaigns(self) -> int:
        """Campaigns: 30 to 60, fixed by the seed."""
        return 30 + self.mix % 31

    @property
    def duplicate_gap_rows(self) -> int:
        """Rows between an event and its re-delivery: up to ~2 hours of rows."""
        return max(self.views * 2 // (181 * 24), 1)

    @property
    def orphan_clicks(self) -> int:
        """Clicks by people who never saw the creative: 0.15 % of views."""
        return max(self.views * 15 // 10_000, 1)


# --------------------------------------------------------------------------
# SQL macros: random numbers, names, ids, timestamps
# --------------------------------------------------------------------------


def words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of ``text``."""
    return tuple(text.split())


FIRST_NAMES = words(
    "anna adam bea carl dana emil fay gus hana ivan jade kai lena milo nora "
    "omar pia quinn rosa sam tara uma vik wren xena yara zoe"
)
LAST_NAMES = words(
    "smith jones garcia miller davis lopez wilson moore taylor thomas lee "
    "white harris clark lewis young walker hall allen king wright scott"
)
NAME_STEMS = words(
    "blue north acme delta nova vertex summit bright iron pine river stone "
    "cedar lumen orbit quartz echo atlas zen polar"
)
NAME_TAILS = words(
    "peak works labs soft ware logic data grid forge scale point wave base "
    "path flow stack"
)
COMPANY_SUFFIXES = ("Inc", "GmbH", "Ltd", "Group", "Systems", "Corp", "AG", "BV")
INDUSTRIES = (
    "Software",
    "Financial Services",
    "Healthcare",
    "Manufacturing",
    "Retail",
    "Education",
    "Logistics",
    "Media",
)
FREE_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "gmx.com")
THEMES = (
    "Cloud Migration",
    "Data Platform",
    "Security Audit",
    "AI Assistant",
    "Cost Control",
    "Onboarding",
    "Analytics",
    "Compliance",
    "Customer 360",
    "DevOps",
)
OFFERS = ("Free trial", "Demo", "Ebook", "Webinar", "20% off", "Case study")
HUMAN_AGENTS = (
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
    ),
    (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.4 Safari/605.1.15"
    ),
    (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) "
        "AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"
    ),
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36"
    ),
    "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17425)",
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0"
    ),
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101",
)
BOT_AGENTS = (
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/124.0.0.0 Safari/537.36"
    ),
    "Mozilla/5.0 (compatible; Baiduspider/2.0)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Barracuda Sentinel link SCANNER",
    "python-requests/2.31 (site crawler)",
)
BAD_TIMESTAMPS = (
    "2026-02-30 10:00:00",
    "2026-04-31T08:15:00Z",
    "2026-13-01 00:00:00",
    "2026-03-15 24:00:00",
    "2026-03-15",
    "03/15/2026 10:00",
    "2026-03-15 10:00:00 +0200",
    "2026-03-15 10:00:00+0200",
    "2026-3-5 10:00:00",
    "yesterday",
    "",
)
BAD_EMAILS = ("", "john.doe", "@acme.com", "jane@", "   ", "n/a")
BAD_IDS = ("", "   ", "\t")


def sql_list(values: Sequence[str]) -> str:
    """A DuckDB list literal of strings."""
    quoted = (
        "'" + value.replace("'", "''").replace("\t", "' || chr(9) || '") + "'"
        for value in values
    )
    return "[" + ", ".join(quoted) + "]"


OFFSETS: tuple[tuple[str, int], ...] = (
    ("", 0),
    ("Z", 0),
    ("+01:00", 60),
    ("+02:00", 120),
    ("+05:30", 330),
    ("+09:00", 540),
    ("-05:00", -300),
    ("-08:00", -480),
    ("-03:00", -180),
    ("-04:00", -240),
)
"""Timestamp suffixes and their offsets in minutes: none, Z, 4 east, 4 west."""


def id_lists(config: ScaleConfig) -> tuple[str, str]:
    """SQL list literals of every campaign id and every creative id slot.

    Creative ``k`` (0-3) of campaign ``c`` is element ``c * 4 + k + 1``;
    looking ids up is much cheaper than formatting them per row.
    """
    campaigns = [f"cmp_{c + 1:03d}" for c in range(config.campaigns)]
    creatives = [
        f"cr_{c + 1:03d}_{'abcd'[k]}" for c in range(config.campaigns) for k in range(4)
    ]
    return sql_list(campaigns), sql_list(creatives)


def macro_statements(config: ScaleConfig) -> list[str]:
    """The temporary macros every table's SQL uses.

    Text is built with ``concat`` (one allocation) and ids are looked up in
    constant lists: string building is where generation spends its time.
    """
    campaign_ids, creative_ids = id_lists(config)
    suffixes = sql_list([suffix for suffix, _ in OFFSETS])
    minutes = "[" + ", ".join(str(m) for _, m in OFFSETS) + "]"
    frac_formats = ("", ".%g", ".%f", ".%n")
    ts_branches = "\n".join(
        f"when r_frac < {limit} then strftime(local_ts, '%Y-%m-%d %H:%M:%S{fmt}')"
        for limit, fmt in zip((0.6, 0.8, 0.99, 2), frac_formats, strict=True)
    )
    macro = "create or replace temp macro"
    return [
        # Uniform [0, 1) from a row number k and a salt s (0 <= s < 256).
        f"""{macro} u(k, s) as (
            (hash(xor(cast(k as bigint) * 256 + s, {config.mix})) >> 11)::double
            / 9007199254740992.0)""",
        # Pick an element of a list with a uniform number x in [0, 1).
        f"{macro} pick(lst, x) as lst[1 + cast(floor(x * len(lst)) as bigint)]",
        f"{macro} campaign_id(c) as {campaign_ids}[1 + c]",
        f"{macro} creative_count(c) as 3 + cast(u(c, 161) < 0.5 as integer)",
        f"{macro} creative_id(c, k) as {creative_ids}[1 + c * 4 + k]",
        # A company's domain and name.
        f"""{macro} company_stem(a) as concat(
            pick({sql_list(NAME_STEMS)}, u(a, 130)),
            pick({sql_list(NAME_TAILS)}, u(a, 131)))""",
        f"{macro} company_domain(a) as concat(company_stem(a), a, '.com')",
        f"""{macro} company_name(a) as concat(
            upper(company_stem(a)[1]), company_stem(a)[2:], ' ', a, ' ',
            pick({sql_list(COMPANY_SUFFIXES)}, u(a, 132)))""",
        # A person's company: a power-law draw, so company sizes are skewed.
        f"""{macro} person_company(p) as
            cast(floor({config.companies} * pow(u(p, 70), 1.8)) as bigint)""",
        f"""{macro} person_email(p) as concat(
            pick({sql_list(FIRST_NAMES)}, u(p, 71)), '.',
            pick({sql_list(LAST_NAMES)}, u(p, 72)), p, '@',
            case
                when u(p, 73) < 0.12 then pick({sql_list(FREE_DOMAINS)}, u(p, 74))
                when u(p, 75) < 0.04 then concat('startup', p % 997, '.io')
                else company_domain(person_company(p))
            end)""",
        # 10 % of people are clicky (37 % of their views), others click 0.8 %.
        f"""{macro} click_propensity(p) as
            case when u(p, 76) < 0.10 then 0.37 else 0.008 end""",
        # An email as a tracking system or CRM sends it: case and spaces vary.
        f"""{macro} messy_email(e, r) as
            case
                when r < 0.84 then e
                when r < 0.92 then upper(e)
                when r < 0.96 then concat(upper(e[1]), e[2:])
                when r < 0.99 then concat(' ', e, ' ')
                else concat(chr(9), e)
            end""",
        # An id as it arrives: 0.5 % with surrounding spaces or a tab.
        f"""{macro} messy_id(i, r) as
            case
                when r >= 0.005 then i
                when r < 0.004 then concat(' ', i, ' ')
                else concat(i, chr(9))
            end""",
        f"""{macro} user_agent(k, s) as
            case
                when u(k, s) < 0.01 then pick({sql_list(BOT_AGENTS)}, u(k, s + 1))
                when u(k, s) < 0.04 then null
                else pick({sql_list(HUMAN_AGENTS)}, u(k, s + 1))
            end""",
        # A UTC instant (microseconds) as text in one of the accepted forms,
        # in the local time of its offset: draws r_kind (none 45 %, Z 20 %,
        # east 17.5 %, west 17.5 %), r_off (which offset), r_sep (space or T),
        # r_frac (0, 3, 6 or 9 fractional digits: 60/20/19/1 %).
        f"""{macro} offset_index(r_kind, r_off) as
            case
                when r_kind < 0.45 then 1
                when r_kind < 0.65 then 2
                when r_kind < 0.825 then 3 + cast(floor(r_off * 4) as bigint)
                else 7 + cast(floor(r_off * 4) as bigint)
            end""",
        f"""{macro} local_text_space(local_ts, r_frac) as
            case {ts_branches} end""",
        f"""{macro} local_text(local_ts, r_sep, r_frac) as
            case when r_sep < 0.5 then local_text_space(local_ts, r_frac)
                else replace(local_text_space(local_ts, r_frac), ' ', 'T') end""",
        f"""{macro} ts_render(us, oi, r_sep, r_frac) as concat(
            local_text(
                make_timestamp(us + cast({minutes}[oi] as bigint) * 60000000),
                r_sep, r_frac),
            {suffixes}[oi])""",
        f"""{macro} ts_text(us, k, s) as ts_render(
            us, offset_index(u(k, s), u(k, s + 1)), u(k, s + 2), u(k, s + 3))""",
        # A CRM update time in 2024-01-01 .. 2026-06-30, 3 % empty or invalid.
        f"""{macro} crm_updated_at(k, s) as
            case
                when u(k, s) < 0.015 then null
                when u(k, s) < 0.03
                    then pick({sql_list(BAD_TIMESTAMPS[:4])}, u(k, s + 1))
                else ts_text(cast({PERIOD_START_US - 731 * DAY_US}
                    + u(k, s + 1) * {731 * DAY_US + 180 * DAY_US} as bigint),
                    k, s + 2)
            end""",
    ]


# --------------------------------------------------------------------------
# One SELECT per raw input
# --------------------------------------------------------------------------


ROW_NUMBERS = "row_numbers"
"""Temp table of row numbers 0 .. views - 1: scanning it runs in parallel,
unlike the ``range`` table function, so every large SELECT starts from it."""


def numbers(count: int, name: str) -> str:
    """A FROM item yielding the column ``name`` = 0 .. count - 1, in order."""
    return f"(select i as {name} from {ROW_NUMBERS} where i < {count}) t_{name}"


def campaigns_sql(config: ScaleConfig) -> str:
    """Campaigns, plus one record repeating an id (padded) with other labels.

    Campaign 6 has an empty channel; channels vary in case and spaces.
    """
    return f"""
        with base as (
            select
                c,
                campaign_id(c) as campaign_id,
                pick(['ad', 'email', 'link'], u(c, 163)) as ch
            from range({config.campaigns}) t(c)
        ),
        records as (
            select
                c,
                campaign_id,
                'Q' || cast(1 + c % 2 as varchar) || ' '
                    || pick({sql_list(THEMES)}, u(c, 162)) as campaign_name,
                case
                    when c = 5 then ''
                    when u(c, 164) < 0.15 then ' ' || upper(ch) || ' '
                    when u(c, 164) < 0.30 then upper(ch[1]) || ch[2:]
                    else ch
                end as channel,
                case when u(c, 165) < 0.08 then null
                    else pick(['Enterprise IT', 'SMB Founders', 'Marketing Ops',
                        'Finance Leaders', 'Developers'], u(c, 166))
                end as audience,
                case when u(c, 167) < 0.05 then ' '
                    when u(c, 167) < 0.10 then ' consideration'
                    else pick(['awareness', 'consideration', 'decision'], u(c, 168))
                end as funnel_stage
            from base
        )
        select campaign_id, campaign_name, channel, audience, funnel_stage
        from records
        union all
        select chr(9) || campaign_id || ' ', campaign_name || ' (copy)', channel,
            audience, funnel_stage
        from records where c = 2
        order by 1
    """


def creatives_sql(config: ScaleConfig) -> str:
    """3-4 creatives per campaign; the first is the control, with exceptions.

    Campaign 4 has no control, campaign 7 has two, and one creative record is
    repeated under a padded id.
    """
    return f"""
        with records as (
            select
                c,
                k,
                creative_id(c, k) as creative_id,
                campaign_id(c) as campaign_id,
                'Variant ' || upper(chr(cast(97 + k as integer))) || ' - '
                    || pick({sql_list(OFFERS)}, u(c * 4 + k, 170)) as creative_name,
                pick({sql_list(OFFERS)}, u(c * 4 + k, 170)) as offer,
                case
                    when (k = 0 and c != 4) or (k = 1 and c = 7)
                        then pick(['true', 'TRUE', 'Yes', '1', ' true'], r)
                    else pick(['false', 'no', '0', '', 'FALSE', null], r)
                end as is_control
            from (
                select c, k, u(c * 4 + k, 171) as r
                from range({config.campaigns}) tc(c), range(4) tk(k)
            )
            where k < creative_count(c)
        )
        select creative_id, campaign_id, creative_name, offer, is_control
        from records
        union all
        select ' ' || creative_id, campaign_id, creative_name || ' v2', offer,
            is_control
        from records where c = 3 and k = 1
        order by campaign_id, creative_id
    """


def accounts_sql(config: ScaleConfig) -> str:
    """CRM account records: 1-3 per company, websites in many forms.

    Records r = 0..2 are the company's records; r = 3 re-exports record 0
    under the same (padded) id with an older update time (0.5 % of companies).
    """
    website_forms = """[
        d, 'www.' || d, 'https://' || d || '/about', 'http://www.' || d || ':8080/',
        upper(d), 'https://www.' || d || '/', d || '.', 'https://' || d || '?ref=crm',
        'WWW.' || upper(d), 'http://' || d]"""
    return f"""
        with records as (
            select
                a,
                r,
                'acct_' || cast(100000 + a * 4 + case when r = 3 then 0 else r end
                    as varchar) as account_id,
                company_domain(a) as d,
                company_name(a) as name
            from {numbers(config.companies, "a")}, range(4) tr(r)
            where r = 0
                or (r = 1 and u(a, 133) < 0.10)
                or (r = 2 and u(a, 133) < 0.03)
                or (r = 3 and u(a, 134) < 0.005)
        )
        select
            case when r = 3 then account_id || ' ' else account_id end as account_id,
            case
                when r = 0 then name
                when u(a * 4 + r, 140) < 0.5 then upper(name)
                else name || '.'
            end as account_name,
            case
                when u(a, 135) < 0.02 then null
                when r in (1, 2) and u(a * 4 + r, 141) < 0.05 then ''
                else pick({website_forms}, u(a * 4 + r, 142))
            end as website,
            case
                when u(a * 4 + r, 143) < 0.04 then ''
                when r > 0 and u(a * 4 + r, 144) < 0.3
                    then pick({sql_list(INDUSTRIES)}, u(a * 4 + r, 145))
                when u(a, 146) < 0.05
                    then ' ' || pick({sql_list(INDUSTRIES)}, u(a, 147))
                else pick({sql_list(INDUSTRIES)}, u(a, 147))
            end as industry,
            case
                when u(a * 4 + r, 148) < 0.03 then null
                when u(a * 4 + r, 148) < 0.06
                    then pick(
                        ['0', '-5', '12.5', '1,200', 'n/a', '  '], u(a * 4 + r, 149))
                else cast(cast(floor(exp(u(a, 150) * 9.3)) as bigint)
                    + cast(r * floor(u(a * 4 + r, 151) * 40) as bigint) as varchar)
            end as employee_count,
            case when u(a, 152) < 0.25
                then pick(['true', 'TRUE', 'yes', '1', 'Yes'], u(a * 4 + r, 153))
                else pick(['false', 'no', '0', '', null], u(a * 4 + r, 153))
            end as is_target,
            case
                when r = 3 then '2023-12-31 23:00:00'
                when r = 1 and u(a, 154) < 0.05 then crm_updated_at(a * 4, 155)
                else crm_updated_at(a * 4 + r, 155)
            end as updated_at
        from records
        order by a, r
    """


def contacts_sql(config: ScaleConfig) -> str:
    """CRM contact records for ~60 % of people, 12 % with a stale second one.

    Record r = 0 is current; r = 1 is older and points to another company.
    4 % have no account, 1.5 % an account id that does not exist; free-mail
    and unknown-domain people with a contact point to a random company.
    """
    return f"""
        with people as (
            select
                p,
                person_email(p) as email,
                u(p, 73) < 0.12 or u(p, 75) < 0.04 as off_crm_domain,
                person_company(p) as company
            from {numbers(config.people, "p")}
        ),
        records as (
            select p, r, email, off_crm_domain, company
            from people, range(2) tr(r)
            where u(p, 80) < case when off_crm_domain then 0.3 else 0.62 end
                and (r = 0 or u(p, 81) < 0.12)
        ),
        linked as (
            select
                *,
                case
                    when r = 1 or off_crm_domain
                        then cast(
                            floor(u(p * 2 + r, 82) * {config.companies}) as bigint)
                    else company
                end as account_company,
                p * 2 + r as k
            from records
        )
        select
            'ct_' || cast(k as varchar) as contact_id,
            messy_email(email, u(k, 83)) as email,
            case
                when u(k, 84) < 0.04 then null
                when u(k, 84) < 0.05 then 'acct_x' || cast(p as varchar)
                when u(k, 84) < 0.055
                    then 'ACCT_' || cast(100000 + account_company * 4 as varchar)
                else 'acct_' || cast(100000 + account_company * 4
                    + cast(u(account_company, 133) < 0.10 and u(k, 85) < 0.5 as integer)
                    as varchar)
            end as account_id,
            case
                when r = 1 and u(p, 86) < 0.03 then crm_updated_at(p * 2, 87)
                when r = 1 then ts_text(cast({PERIOD_START_US - 700 * DAY_US}
                    + u(k, 88) * {300 * DAY_US} as bigint), k, 89)
                else crm_updated_at(k, 87)
            end as updated_at
        from linked
        order by p, r
    """


def view_events_sql(config: ScaleConfig) -> str:
    """One row per raw view: the event row e whose content it carries.

    Row i is a re-delivery (duplicate) of an earlier row e = i - 1..2000 with
    probability 1 %, else its own event e = i. Event content is a function of
    e; representation (formats, case, spaces, defects) of the row i.
    """
    span = PERIOD_END_US - PERIOD_START_US
    return f"""
        select
            i,
            e,
            i != e as is_copy,
            person,
            campaign,
            cast(floor(u(e, 13) * creative_count(campaign)) as bigint) as creative,
            least(greatest(
                {PERIOD_START_US}
                    + cast(floor(e / {config.views}.0 * {span}) as bigint)
                    + cast((u(e, 14) - 0.5) * 600000000 as bigint)
                    - case when u(e, 15) < 0.005
                        then cast((2 + 8 * u(e, 16)) * {DAY_US} as bigint) else 0 end,
                {PERIOD_START_US}), {PERIOD_END_US - 1}) as viewed_us
        from (
            select
                i,
                e,
                case when u(e, 10) < 0.3
                    then cast(floor(u(e, 11) * {config.people} * 0.1) as bigint)
                    else cast(floor(u(e, 11) * {config.people}) as bigint)
                end as person,
                cast((floor({config.campaigns} * pow(u(e, 12), 2.2)) * 61
                    + {config.mix % 1000}) % {config.campaigns} as bigint) as campaign
            from (
                select
                    i,
                    case when i > 0 and u(i, 1) < 0.01
                        then greatest(0, i - 1 - cast(
                            floor(u(i, 2) * {config.duplicate_gap_rows}) as bigint))
                        else i
                    end as e
                from {numbers(config.views, "i")}
            )
        )
    """


def rendered_event_sql(
    config: ScaleConfig, events: str, salt: int, passthrough: str = ""
) -> str:
    """Render event rows as raw text columns, with defects and noise.

    ``events`` yields ``k`` (the row's number for random draws), ``id_text``,
    ``at_us`` (UTC microseconds), ``person``, ``campaign``, ``creative`` and
    ``agent_key`` (the event's number for the user agent draw: a re-delivered
    copy keeps its event's user agent, so copies tied on the timestamp are
    identical in effect, as the contract assumes).
    Rejection reasons, each for ~0.1 % of rows (draw ``salt``): missing id,
    invalid timestamp, invalid email, unknown campaign, unknown creative.
    ``passthrough`` names extra columns of ``events`` to keep in front.
    """
    s = salt
    other_campaign = f"(campaign + 1) % {config.campaigns}"
    return f"""
        select
            {passthrough}
            case when d < 0.001 then pick({sql_list(BAD_IDS)}, u(k, {s + 1}))
                else messy_id(id_text, u(k, {s + 2}))
            end as event_id,
            case when d >= 0.001 and d < 0.002
                then pick({sql_list(BAD_TIMESTAMPS)}, u(k, {s + 1}))
                else ts_text(at_us, k, {s + 3})
            end as event_at,
            case when d >= 0.002 and d < 0.003
                then pick({sql_list(BAD_EMAILS)}, u(k, {s + 1}))
                else messy_email(clean_email, u(k, {s + 7}))
            end as email,
            case when d >= 0.003 and d < 0.004
                then pick(['cmp_999', '', 'CMP_001', 'cmp-001', null], u(k, {s + 1}))
                else messy_id(campaign_id(campaign), u(k, {s + 8}))
            end as campaign_id,
            case when d >= 0.004 and d < 0.005
                then pick([creative_id({other_campaign}, 0), '', 'cr_x', null,
                    creative_id(campaign, 3) || 'z'], u(k, {s + 1}))
                else creative_id(campaign, creative)
            end as creative_id,
            user_agent(agent_key, {s + 9}) as user_agent
        from (
            select *, u(k, {s}) as d, person_email(person) as clean_email
            from ({events})
        )
    """


def views_sql(config: ScaleConfig) -> str:
    """raw_views in arrival (row) order."""
    events = f"""
        select
            i as k,
            e as agent_key,
            concat('v', e) as id_text,
            viewed_us + case when is_copy and u(i, 3) < 0.3
                then cast(u(i, 4) * 5000000 as bigint) else 0 end as at_us,
            person, campaign, creative
        from ({view_events_sql(config)})"""
    return f"""
        select event_id as view_id, event_at as viewed_at, email, campaign_id,
            creative_id, user_agent
        from ({rendered_event_sql(config, events, salt=20)})
    """


CLICK_DELAY_US = """
    case
        when u(i, 201) < 0.03 then cast(floor(u(i, 202) * 1000000) as bigint)
        when u(i, 201) < 0.65
            then cast((1 + 599 * pow(u(i, 202), 3)) * 1000000 as bigint)
        when u(i, 201) < 0.93
            then cast((600 + 172200 * pow(u(i, 202), 2)) * 1000000 as bigint)
        when u(i, 201) < 0.98 then cast((2 + 5 * u(i, 202)) * 86400000000 as bigint)
        else cast((7 + 3 * u(i, 202)) * 86400000000 as bigint)
    end"""
"""Delay from a view to the click it causes (machine, minutes, days, late)."""


def click_events_sql(config: ScaleConfig) -> str:
    """Click events with their arrival time (before rendering as text).

    Primary clicks follow a view (row i, key 4i); double clicks (key 4i + 1)
    follow a primary click by 1-29 s (6 %) or 30-120 s (1.5 %); re-delivered
    copies (key 4i + 2, 1 %) keep the click id and arrive up to 2 h later;
    orphan clicks (key 4j + 3) pick a random person, creative and time.
    Arrival is 0-2 min after the click, for 0.5 % 2-10 days after.
    """
    span = PERIOD_END_US - PERIOD_START_US
    return f"""
        with primary_clicks as materialized (
            select
                i,
                4 * i as k,
                concat('c', i) as id_text,
                viewed_us + {CLICK_DELAY_US} as at_us,
                person, campaign, creative
            from ({view_events_sql(config)})
            where not is_copy and u(i, 200) < click_propensity(person)
        ),
        events as (
            select k, k as agent_key, id_text, at_us, person, campaign, creative
            from primary_clicks
            union all
            select
                k + 1,
                k + 1,
                concat(id_text, 'b'),
                at_us + case when u(i, 203) < 0.06
                    then cast((1 + 28 * u(i, 204)) * 1000000 as bigint)
                    else cast((30 + 90 * u(i, 204)) * 1000000 as bigint) end,
                person, campaign, creative
            from primary_clicks
            where u(i, 203) < 0.075
            union all
            select
                k + 2,
                k,
                id_text,
                at_us + case when u(i, 206) < 0.3
                    then cast(u(i, 207) * 5000000 as bigint) else 0 end,
                person, campaign, creative
            from primary_clicks
            where u(i, 205) < 0.01
            union all
            select
                4 * j + 3,
                4 * j + 3,
                concat('co', j),
                {PERIOD_START_US} + cast(floor(u(j, 210) * {span}) as bigint),
                cast(floor(u(j, 211) * {config.people}) as bigint),
                cast(floor(u(j, 212) * {config.campaigns}) as bigint),
                cast(floor(u(j, 213) * 3) as bigint)
            from {numbers(config.orphan_clicks, "j")}
        )
        select
            *,
            at_us + cast(u(k, 220) * 120000000 as bigint)
                + case when u(k, 221) < 0.005
                    then cast((2 + 8 * u(k, 222)) * {DAY_US} as bigint) else 0 end
                + case when k % 4 = 2
                    then cast(u(k, 223) * 7200000000 as bigint) else 0 end
                as arrival_us
        from events
        where at_us < {PERIOD_END_US}
    """


def clicks_sql(config: ScaleConfig) -> str:
    """raw_clicks in arrival order."""
    rendered = rendered_event_sql(
        config, click_events_sql(config), salt=230, passthrough="arrival_us, k,"
    )
    return f"""
        select event_id as click_id, event_at as clicked_at, email, campaign_id,
            creative_id, user_agent
        from ({rendered})
        order by arrival_us, k
    """


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------


TABLE_SQL: dict[str, Callable[[ScaleConfig], str]] = {
    "raw_campaigns": campaigns_sql,
    "raw_creatives": creatives_sql,
    "raw_accounts": accounts_sql,
    "raw_contacts": contacts_sql,
    "raw_views": views_sql,
    "raw_clicks": clicks_sql,
}


@dataclass(frozen=True)
class WrittenTable:
    """One Parquet file written: its rows, bytes and seconds."""

    name: str
    path: Path
    rows: int
    size_bytes: int
    seconds: float


def connect(memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection for generation."""
    con = duckdb.connect()
    con.execute("set preserve_insertion_order = true")
    if memory_limit:
        con.execute(f"set memory_limit = '{memory_limit}'")
    return con


def write_table(
    con: duckdb.DuckDBPyConnection, name: str, select_sql: str, out_dir: Path
) -> WrittenTable:
    """Write one raw input as ``<out_dir>/<name>.parquet``, every column text.

    The file is written beside its name and renamed into place, so a reader
    never sees half a file.
    """
    columns = ", ".join(
        f"cast({column} as varchar) as {column}" for column in TABLE_COLUMNS[name]
    )
    path = out_dir / f"{name}.parquet"
    partial = out_dir / f".{name}.parquet.partial"
    started = time.perf_counter()
    con.execute(
        f"copy (select {columns} from ({select_sql})) to '{partial}' "
        "(format parquet, compression zstd)"
    )
    partial.replace(path)
    seconds = time.perf_counter() - started
    counted = con.execute(f"select count(*) from read_parquet('{path}')").fetchone()
    rows = counted[0] if counted else 0
    return WrittenTable(name, path, rows, path.stat().st_size, seconds)


def generate(
    config: ScaleConfig,
    out_dir: Path,
    progress: Callable[[str], None] = print,
    memory_limit: str | None = None,
) -> list[WrittenTable]:
    """Write the six raw inputs of ``config`` to ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect(memory_limit)
    try:
        for statement in macro_statements(config):
            con.execute(statement)
        con.execute(
            f"create or replace temp table {ROW_NUMBERS} as "
            f"select range as i from range({max(config.views, config.people)})"
        )
        written = []
        for name, make_sql in TABLE_SQL.items():
            table = write_table(con, name, make_sql(config), out_dir)
            progress(
                f"  {name:<14} {table.rows:>13,} rows"
                f" {table.size_bytes / 2**20:>9.1f} MiB {table.seconds:>7.1f} s"
            )
            written.append(table)
        return written
    finally:
        con.close()


def summary(config: ScaleConfig, written: list[WrittenTable], seconds: float) -> str:
    """A few lines describing what was written."""
    rows = {t.name: t.rows for t in written}
    size = sum(t.size_bytes for t in written)
    return "\n".join(
        [
            f"done in {seconds:.1f} s: {size / 2**20:,.1f} MiB"
            f" in {written[0].path.parent}",
            (
                f"  seed {config.seed}: {config.people:,} people, {config.companies:,} "
                f"companies, {config.campaigns} campaigns"
            ),
            (
                f"  views {rows['raw_views']:,}, clicks {rows['raw_clicks']:,} "
                f"({rows['raw_clicks'] / rows['raw_views']:.1%} of views), contacts "
                f"{rows['raw_contacts']:,}, accounts {rows['raw_accounts']:,}, "
                f"creatives {rows['raw_creatives']:,}"
            ),
        ]
    )


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        prog="python -m ctr_tools.scale_data",
        description="Generate the contract's six raw inputs as Parquet, at scale.",
    )
    parser.add_argument(
        "--views",
        type=parse_count,
        required=True,
        help="raw view rows to write; underscores allowed (1_000_000)",
    )
    parser.add_argument(
        "--out", type=Path, required=True, help="output directory (created)"
    )
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument(
        "--memory-limit", default=None, help="DuckDB memory_limit, e.g. 8GB"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m ctr_tools.scale_data``."""
    args = build_parser().parse_args(argv)
    config = ScaleConfig(views=args.views, seed=args.seed)
    print(f"generating {config.views:,} views (seed {config.seed}) into {args.out}")
    started = time.perf_counter()
    written = generate(config, args.out, memory_limit=args.memory_limit)
    print(summary(config, written, time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
