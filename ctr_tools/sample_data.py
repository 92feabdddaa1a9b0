"""Deterministic sample data for the CTR / account CTR dbt project.

Writes the six raw seeds of the data contract (``shared/spec/ctr_contract.md``,
section 1) as CSV: header row plus data, columns in the contract's order, CSV
quoting by the ``csv`` module, ``\\n`` line endings. Only ``random.Random(seed)``
drives the data, so the same seed always gives byte-identical files::

    python -m ctr_tools.sample_data --seed 42 --out seeds

The data is a realistic B2B marketing sample (2026-03-01 .. 2026-04-30, UTC):
ten campaigns over the ``ad``, ``email`` and ``link`` channels plus one with an
empty channel, 2-4 creatives each (one control), a few hundred CRM accounts
with contacts, a few thousand views and a few hundred clicks. On top of the
random part, every case the contract's rules name is planted at fixed,
documented places listed below. Planted events use readable ids
(``v_case_*`` / ``c_case_*`` for views / clicks, ``v_rej_*`` / ``c_rej_*`` for
rule 1 rejections); random events use random hex ids (``v_...`` / ``c_...``).
Most planted event people are at ``brightpath.io`` (account
``acc_brightpath``, no contact record: mapped by domain fallback) and take part
in nothing else. The expected outcome of each planted event is in
``EXPECTED_VIEW_OUTCOMES`` / ``EXPECTED_CLICK_OUTCOMES`` (duplicated ids: the
outcome of the kept copy), attributions in ``EXPECTED_ATTRIBUTION``, UTC
instants in ``EXPECTED_EVENT_UTC``, CRM outcomes in ``EXPECTED_PERSON_ACCOUNT``
and ``EXPECTED_CANONICAL_ACCOUNT``.

Planted cases
=============

Worked example (contract preamble): campaign ``cmp_worked_example`` (channel
``ad``), creatives ``cr_we_control`` (control) and ``cr_we_variant``. Exactly
100 canonical accounts have a true ``is_target`` (all regular single-record
companies with their own domain and 1-5 contacts; no other canonical account
is a target). Contacts at exactly 80 of them view the campaign (clean rows,
plain timestamps, human user agents, unique ids, people mapped by their one
contact record); contacts at exactly 20 of those 80 click once, 5 s .. 1 day
after their latest view of the same creative. Nobody else has a view or click
row of this campaign, rejected rows included, so its all-time account CTR is
20 / 80 = 0.25 (person CTR differs: some accounts have 2 viewers / clickers).

Rule 1, rejections (the same set for views ``v_...`` and clicks ``c_...``;
all on ``cmp_ad_1`` / ``cr_ad_1_a`` unless the case is about ids):

- ``missing_id``: id ``""`` (email ``missing.id1@brightpath.io``), id ``"   "``
  (email ``missing.id2@brightpath.io``), and id ``""`` with timestamp
  ``yesterday``, email ``no-at-sign.com`` and campaign ``cmp_does_not_exist``
  (the first reason wins). They have no id: find them by email.
- ``invalid_timestamp``: ``*_rej_ts_feb30`` ``2026-02-30 10:00:00``,
  ``*_rej_ts_hour24`` ``2026-03-05 24:00:00``, ``*_rej_ts_date_only``
  ``2026-03-05``, ``*_rej_ts_offset_no_colon`` ``2026-03-05 10:00:00+0200``,
  ``*_rej_ts_text`` ``yesterday``, ``*_rej_ts_empty`` empty,
  ``*_rej_ts_apr31`` ``2026-04-31 09:00:00``, ``*_rej_ts_no_seconds``
  ``2026-03-05 10:00``, ``*_rej_ts_slashes`` ``2026/03/05 10:00:00``,
  ``*_rej_ts_zone_name`` ``2026-03-05 10:00:00 UTC``, ``*_rej_ts_minute60``
  ``2026-03-05 10:60:00``, ``*_rej_ts_and_email`` (month 13 and email
  ``@acme.com``: the timestamp reason wins).
- ``invalid_email``: ``*_rej_email_empty`` empty, ``*_rej_email_blank``
  ``"   "``, ``*_rej_email_no_at`` ``no-at-sign.com``,
  ``*_rej_email_nothing_before`` ``@acme.com``, ``*_rej_email_nothing_after``
  ``someone@``, ``*_rej_email_padded_nothing_before`` ``"  @acme.com "``,
  ``*_rej_email_and_campaign`` (``someone@`` on ``cmp_does_not_exist``).
- ``unknown_campaign``: ``*_rej_campaign_missing`` ``cmp_does_not_exist``,
  ``*_rej_campaign_case`` ``CMP_AD_1`` (ids are case-sensitive),
  ``*_rej_campaign_empty`` empty, ``*_rej_campaign_and_creative``
  (``cmp_does_not_exist`` with ``cr_does_not_exist``).
- ``unknown_creative``: ``*_rej_creative_other_campaign`` (``cr_email_1_a`` on
  ``cmp_ad_1``), ``*_rej_creative_worked_example`` (``cr_we_control`` on
  ``cmp_ad_2``), ``*_rej_creative_missing`` ``cr_does_not_exist``,
  ``*_rej_creative_empty`` empty, ``*_rej_creative_case`` ``CR_AD_1_A``.

Rule 2, timestamp forms (person ``tz.viewer@`` views of ``cr_ad_1_b``,
person ``tz.clicker@`` clicks of ``cr_ad_1_c`` all attributed to
``v_case_tz_clicker_view`` at 2026-03-09 08:00:00):
``*_case_ts_space``, ``*_case_ts_t``, ``*_case_ts_frac3`` (``.250``),
``*_case_ts_frac6`` (``.123456``), ``v_case_ts_frac1`` (``.5``),
``*_case_ts_z``, ``v_case_ts_frac_z``, ``*_case_ts_plus`` (``+02:00``),
``*_case_ts_minus`` (``-05:00``), ``*_case_ts_half_hour`` (``+05:30``),
``v_case_ts_frac_offset``; midnight crossings ``*_case_tz_plus_midnight``
``2026-03-10T01:30:00+02:00`` (UTC 2026-03-09 23:30) and
``*_case_tz_minus_midnight`` ``2026-03-10 22:30:00-05:00`` (UTC 2026-03-11
03:30); ``v_case_tz_week`` ``2026-03-09T00:15:00+01:00`` (UTC Sunday
2026-03-08, the previous ISO week); ``v_case_tz_month``
``2026-04-01 00:30:00+02:00`` (UTC 2026-03-31, March). Offsets that decide
attribution: ``c_case_tz_orphan`` (``11:00:30+02:00`` is before its view at
``10:00:00Z``: orphan) and ``c_case_tz_qualifies`` (``09:00:00Z`` is an hour
after its view at ``10:00:00+02:00``). Random rows mix all the forms too.

Rule 2, emails: person ``ivy.stone@brightpath.io`` views as
``Ivy.Stone@BrightPath.IO`` (``v_case_email_mixed_case``), with surrounding
spaces (``v_case_email_spaces``) and tabs (``v_case_email_tabs``) and clicks
as ``" Ivy.Stone@brightpath.IO"`` (``c_case_email_mixed``, qualifying): one
viewer, one clicker. ``v_case_email_two_at`` has email
``ops@team@northwind.io`` (valid; domain after the last ``@`` maps it to
``acc_northwind``). About 12 % of random rows have mixed case or padding.

Rule 2, ids: ``v_case_trim_ids`` / ``c_case_trim_ids`` carry campaign and
creative ids with surrounding spaces / tabs (valid after trimming).

Rule 3, duplicates (``cmp_link_2``): ``v_case_dup_twice`` / ``c_case_dup_twice``
(two identical rows), ``v_case_dup_thrice`` / ``c_case_dup_thrice`` (three
rows, different timestamps; the earliest in UTC is the third row and carries
an offset), ``v_case_dup_cross_day`` / ``c_case_dup_cross_day`` (copies either
side of midnight UTC), ``v_case_dup_with_rejected`` (one valid copy, one
rejected copy with timestamp ``+0200``), ``c_case_dup_machine`` (the first row
is 5 s after the view, the second 0.4 s: the earliest wins, a machine click).
Random rows: ~1 % duplicated views and clicks.

Rule 4, invalid traffic (``cmp_email_3``): views and clicks ``*_case_bot_googlebot``
(``Googlebot/2.1``), ``*_case_bot_headless`` (``HeadlessChrome``),
``*_case_bot_scanner`` (``SiteScanner``), ``*_case_bot_crawl`` (``WebCRAWLER``),
``*_case_bot_spider`` (``Baiduspider``), ``*_case_bot_upper`` (``BingBOT``);
``v_case_ua_empty`` / ``c_case_ua_empty`` have an empty user agent (human,
counted / qualifying). ``c_case_after_bot_click_2`` comes 10 s after the bot
click ``c_case_after_bot_click_1``: not a double click. ``c_case_orphan_bot_view``
follows only a bot view: orphan. Random rows: ~3 % bot exposures.

Rule 5, double clicks (``cmp_link_1`` / ``cr_link_1_a``): ``c_case_dbl_triple_1``
/ ``_2`` / ``_3`` at t, t+20 s, t+40 s (one left); ``c_case_dbl_29s_1`` / ``_2``
29 s apart (second is double); ``c_case_dbl_30s_1`` / ``_2`` exactly 30 s apart
(both qualify); ``c_case_dbl_29_999s_1`` / ``_2`` 29.999 s apart (double);
``c_case_dbl_tz_1`` / ``_2`` 20 s apart in UTC, an hour apart as text (double);
``c_case_dbl_other_creative_a`` / ``_b`` 10 s apart on two creatives (both
qualify). Random clicks: ~5 % get a double click 1-25 s later.

Rule 6, attribution (``cmp_email_1`` / ``cr_email_1_a``): ``c_case_orphan_no_view``
(the person viewed only ``cr_email_1_b``), ``c_case_orphan_view_after`` (the
only view is an hour after the click), ``c_case_orphan_7d_1s`` (view 7 days
1 s before), ``c_case_attr_7d_exact`` (view exactly 7 days before: qualifies),
``c_case_orphan_7d_half`` (7 days 0.5 s: orphan), ``c_case_orphan_rejected_view``
(the only view has timestamp ``2026-03-22 25:00:00``), ``c_case_attr_latest``
(views on Saturday 2026-03-14 and Monday 2026-03-16: attributed to the latter,
``v_case_attr_latest_2``), ``c_case_attr_month`` (view 2026-03-31 23:00, click
2026-04-01 00:30: counts in March). Random clicks: ~1 % orphans.

Rule 7, machine clicks (``cmp_email_2`` / ``cr_email_2_a``): ``c_case_machine_0s``
(0 s after the view), ``c_case_machine_0_5s``, ``c_case_machine_0_999999s``
(machine), ``c_case_human_1s`` and ``c_case_human_1s_frac`` (exactly 1 s, the
latter with fractional seconds on both sides: human), ``c_case_machine_latest``
(0.3 s after the later of two views: machine). Random email clicks: ~10 % of
clicking people also have a scanner click 0-0.9 s after the view.

Rules 8-9, CRM (records with readable ids; see ``EXPECTED_*``):

- company Acme, five website forms: ``acc_acme_1`` ``acme.com`` (2025-06-01),
  ``acc_acme_2`` ``www.Acme.com`` and ``acc_acme_3`` ``https://acme.com/about``
  (both 2026-01-15 10:00:00: tie, ``acc_acme_2`` is canonical),
  ``acc_acme_4`` ``http://www.acme.com:8080/`` (empty updated_at),
  ``acc_acme_5`` ``acme.com.`` (``2026-02-30 12:00:00``, invalid: oldest; it is
  the only record flagged target, so canonical Acme is not a target);
- company Globex: ``acc_globex_1`` ``globex.io``, ``acc_globex_3``
  `` GLOBEX.IO/ `` (older) and ``acc_globex_2`` ``https://www.Globex.io/contact``
  (most recent: canonical);
- empty website: ``acc_blank_1``, ``acc_blank_2`` (named "Acme Corporation":
  not merged with Acme), ``acc_blank_3`` (website ``"  "``);
- ``acc_yahoo`` has website ``https://www.yahoo.com/``: free-mail people at
  yahoo.com without a contact stay unmapped all the same;
- contacts: ``ct_case_dup_account_ref`` (points at the duplicate
  ``acc_acme_4``), ``ct_case_empty_account`` (empty account_id: domain
  fallback), ``ct_case_missing_account`` (``acc_9999`` does not exist: domain
  fallback), ``ct_case_spaced_account_id`` (`` acc_fabrikam ``), sam.lee
  ``ct_case_two_old`` / ``ct_case_two_new`` (newest wins), kim.nguyen
  ``ct_case_tie_9`` / ``ct_case_tie_10`` (same updated_at: ``ct_case_tie_10``
  wins in text order), omar.haddad ``ct_case_bad_date`` (invalid updated_at)
  / ``ct_case_good_date``, ana.silva ``ct_case_empty_date`` /
  ``ct_case_dated``, leo.martin ``ct_case_newest_no_account`` (newest record,
  no account: domain fallback) / ``ct_case_older_with_account``, free-mail
  people with a contact (``ct_case_freemail``, ``ct_case_freemail_messy`` with
  email ``"  Mark.Evans@Outlook.com "``) and one whose contact has no account
  (``ct_case_freemail_no_account``: unmapped), free-mail people without a
  contact (unmapped), corporate people at domains without an account
  (``initech.com``, ``hooli.xyz``: unmapped; ``sara.kline@vandelay.com`` has a
  contact: mapped), ``joe.blank@acmecorp-mail.net`` (contact at the
  empty-website ``acc_blank_2``) and ``amy.wong@acmecorp-mail.net`` (no
  contact: unmapped). Every person in ``EXPECTED_PERSON_ACCOUNT`` has views.
  Random people: ~5 % of contacts use a free-mail address, ~250 people have
  no contact (domain fallback), ~50 free-mail and ~35 corporate people have
  neither (unmapped).

The broken day (tracking warnings, ``tests/tracking``): on ``BROKEN_DAY``,
2026-04-15 (UTC), tracking went wrong in every way the warnings watch for,
and on no other day:

- view tracking outage: of the random campaigns' views that day only about
  ``OUTAGE_KEEP_SHARE`` (5 %) survive (whole ids dropped, duplicate copies
  too; the worked example campaign and the people of
  ``EXPECTED_PERSON_ACCOUNT`` keep theirs), so counted views fall to about
  30 % of the median of the 7 days before, the views below included; clicks
  after a lost view may become orphans;
- bot storm: ``v_broken_bot_001`` .. ``_120`` bot views (every agent of
  ``BOT_USER_AGENTS``) of random people and creatives, the first 40 with a
  bot click ``c_broken_bot_*`` 0-120 s later (invalid traffic);
- orphan-click spike: ``c_broken_orphan_001`` .. ``_030`` human clicks by
  fresh people at mapped company domains who never viewed anything;
- unmapped burst and machine-click spike: a mail gateway scanner at
  ``quantum-freight.com`` (no account, no contact: unmapped):
  ``v_broken_gateway_001`` .. ``_012`` views of ``cr_email_2_b`` by 12 fresh
  people there, the first 10 followed 0.1-0.9 s later by a scanner click
  ``c_broken_machine_*`` (browser-like user agent: only rule 7 catches them).

Rule 10 and labels: employee counts at the band boundaries 1, 50, 51, 200,
201, 1000, 1001, 5000, 5001 (two accounts each) and bad values ``""``, ``0``,
``-5``, ``12.5``, ``1,200``, ``n/a``, ``about 300``, ``"  "``; industries
Software, Healthcare, Finance, Retail, Manufacturing, Education, some empty,
some padded. Channels ``ad``, `` Ad ``, ``AD``, ``email``, ``Email ``,
`` EMAIL<tab>``, ``link``, ``LINK ``, ``Link`` and an empty channel
(``cmp_no_channel``); audiences and funnel stages with surrounding spaces;
booleans spelled true/TRUE/True/yes/Yes/1 and false/FALSE/no/No/0/empty.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

from ctr_tools.contract import RAW_COLUMNS

COLUMNS = RAW_COLUMNS

DEFAULT_SEED = 42
WINDOW_START = datetime(2026, 3, 1, tzinfo=UTC)
WINDOW_END = datetime(2026, 4, 30, 23, 59, 59, tzinfo=UTC)
CRM_START = datetime(2024, 1, 1, tzinfo=UTC)
CRM_END = datetime(2026, 2, 27, tzinfo=UTC)

WORKED_EXAMPLE_CAMPAIGN_ID = "cmp_worked_example"
WORKED_EXAMPLE_CREATIVE_IDS = ("cr_we_control", "cr_we_variant")
WORKED_EXAMPLE_TARGETS = 100
WORKED_EXAMPLE_VIEWED = 80
WORKED_EXAMPLE_CLICKED = 20

CASE_DOMAIN = "brightpath.io"
FREE_EMAIL_DOMAINS = (
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
UNMAPPED_DOMAINS = (
    "initech.com",
    "hooli.xyz",
    "umbrella-corp.com",
    "wonka.co",
    "soylent.net",
    "cyberdyne.ai",
)

HUMAN_USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:124.0) Gecko/20100101 Firefox/124.0",
    "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.0.0",
)
HUMAN_UA = HUMAN_USER_AGENTS[0]
BOT_USER_AGENTS: dict[str, str] = {
    "googlebot": "Googlebot/2.1 (+http://www.google.com/bot.html)",
    "headless": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) HeadlessChrome/123.0.0.0 Safari/537.36",
    "scanner": "Mozilla/5.0 (compatible; SiteScanner)",
    "crawl": "Mozilla/5.0 (compatible; WebCRAWLER/3.1)",
    "spider": "Mozilla/5.0 (compatible; Baiduspider/2.0; "
    "+http://www.baidu.com/search/spider.html)",
    "upper": "Mozilla/5.0 (compatible; BingBOT/2.0)",
}
# Email security scanners that pre-fetch links look like browsers: only their
# speed (rule 7) gives them away.
SCANNER_LOOKALIKE_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"

TRUE_SPELLINGS = ("true", "TRUE", "True", "yes", "Yes", "1")
FALSE_SPELLINGS = ("false", "FALSE", "no", "No", "0", "")

FIRST_NAMES = (
    "adam", "alice", "amir", "anna", "ben", "bianca", "carlos", "chen", "clara",
    "daniel", "diana", "elena", "emma", "erik", "fatima", "felix", "grace",
    "hana", "hugo", "ines", "isaac", "jack", "julia", "karim", "kate", "lars",
    "laura", "liam", "lucia", "marco", "maria", "mei", "nadia", "noah", "olga",
    "oscar", "paula", "peter", "priya", "quinn", "rosa", "ryan", "sofia",
    "sven", "tara", "theo", "uma", "victor", "wendy", "yusuf", "zoe", "aaron",
    "beth", "colin", "dora", "ella", "frank", "gina", "henry", "iris",
)  # fmt: skip
LAST_NAMES = (
    "anders", "baker", "bauer", "brown", "castro", "clark", "costa", "davis",
    "dubois", "evans", "garcia", "gomez", "gupta", "hall", "hansen", "hughes",
    "ito", "jensen", "khan", "kowalski", "larsen", "lopez", "meyer", "moreau",
    "morris", "novak", "obrien", "olsen", "perez", "quinn", "reyes", "rossi",
    "sato", "schmidt", "silva", "singh", "smith", "suzuki", "tanaka", "taylor",
    "torres", "turner", "vargas", "walsh", "weber", "white", "wilson", "wright",
    "young", "zhang",
)  # fmt: skip
COMPANY_PREFIXES = (
    "Alder", "Apex", "Arbor", "Aster", "Beacon", "Birch", "Blue", "Bolt",
    "Cedar", "Cinder", "Clear", "Cobalt", "Copper", "Crest", "Delta", "Ember",
    "Evergreen", "Falcon", "Fern", "Flint", "Golden", "Granite", "Harbor",
    "Helix", "Indigo", "Iron", "Juniper", "Keystone", "Lumen", "Maple",
    "Meridian", "Nimbus", "Nova", "Oak", "Onyx", "Orbit", "Pine", "Prism",
    "Quartz", "Raven", "Red", "Ridge", "Sage", "Silver", "Slate", "Spruce",
    "Summit", "Terra", "True", "Vector", "Willow", "Zephyr",
)  # fmt: skip
COMPANY_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("Analytics", "Software"),
    ("Systems", "Software"),
    ("Labs", "Software"),
    ("Cloud", "Software"),
    ("Health", "Healthcare"),
    ("Medical", "Healthcare"),
    ("Clinics", "Healthcare"),
    ("Capital", "Finance"),
    ("Bank", "Finance"),
    ("Insurance", "Finance"),
    ("Payments", "Finance"),
    ("Retail", "Retail"),
    ("Goods", "Retail"),
    ("Outfitters", "Retail"),
    ("Foods", "Retail"),
    ("Manufacturing", "Manufacturing"),
    ("Industries", "Manufacturing"),
    ("Machines", "Manufacturing"),
    ("Works", "Manufacturing"),
    ("Academy", "Education"),
    ("Learning", "Education"),
    ("Schools", "Education"),
)
INDUSTRIES = (
    "Software",
    "Healthcare",
    "Finance",
    "Retail",
    "Manufacturing",
    "Education",
)
TLDS = (".com", ".com", ".com", ".com", ".io", ".co", ".net", ".de", ".co.uk")
BOUNDARY_EMPLOYEE_COUNTS = (1, 50, 51, 200, 201, 1000, 1001, 5000, 5001)
BAD_EMPLOYEE_COUNTS = ("", "0", "-5", "12.5", "1,200", "n/a", "about 300", "  ")
REGULAR_ACCOUNTS = 360
CHANNEL_CLICK_PROBABILITY = {"ad": 0.05, "email": 0.09, "link": 0.1, "": 0.06}

# The broken day (see the module docstring).
BROKEN_DAY = date(2026, 4, 15)
OUTAGE_KEEP_SHARE = 0.05
BROKEN_DAY_BOT_VIEWS = 120
BROKEN_DAY_BOT_CLICKS = 40
BROKEN_DAY_ORPHAN_CLICKS = 30
BROKEN_DAY_GATEWAY_DOMAIN = "quantum-freight.com"
BROKEN_DAY_GATEWAY_CREATIVE = "cr_email_2_b"
BROKEN_DAY_GATEWAY_VIEWERS = 12
BROKEN_DAY_MACHINE_CLICKS = 10
RANDOM_EVENT_ID = re.compile(r"[vc]_[0-9a-f]{12}")

_TS_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?"
    r"(Z|[+-]\d{2}:\d{2})?"
)


# --------------------------------------------------------------------------
# Catalogue: campaigns and creatives
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Creative:
    """A raw creative row."""

    creative_id: str
    campaign_id: str
    creative_name: str
    offer: str
    is_control: str

    def row(self) -> list[str]:
        """Return the row in the contract's column order."""
        return [
            self.creative_id,
            self.campaign_id,
            self.creative_name,
            self.offer,
            self.is_control,
        ]


@dataclass(frozen=True)
class Campaign:
    """A raw campaign row; ``channel`` is the normalised channel."""

    campaign_id: str
    campaign_name: str
    raw_channel: str
    audience: str
    funnel_stage: str

    @property
    def channel(self) -> str:
        """The channel as the contract normalises it (trimmed, lower-cased)."""
        return self.raw_channel.strip(" \t").lower()

    def row(self) -> list[str]:
        """Return the row in the contract's column order."""
        return [
            self.campaign_id,
            self.campaign_name,
            self.raw_channel,
            self.audience,
            self.funnel_stage,
        ]


def _campaign(
    campaign_id: str,
    name: str,
    channel: str,
    audience: str,
    funnel_stage: str,
) -> Campaign:
    return Campaign(campaign_id, name, channel, audience, funnel_stage)


CAMPAIGNS: tuple[Campaign, ...] = (
    _campaign("cmp_ad_1", "Spring launch - LinkedIn", "ad", "IT leaders", "Awareness"),
    _campaign(
        "cmp_ad_2",
        "Retargeting - display",
        " Ad ",
        " Finance leaders ",
        "Consideration",
    ),
    _campaign("cmp_ad_3", "Search - brand", "AD", "Developers", "Conversion "),
    _campaign(
        "cmp_email_1", "Newsletter March", "email", "Existing customers", "Awareness"
    ),
    _campaign(
        "cmp_email_2", "Webinar invite", "Email ", "Marketing ops", " Consideration"
    ),
    _campaign("cmp_email_3", "Trial nurture", " EMAIL\t", "Trial users", "Conversion"),
    _campaign(
        "cmp_link_1", "Partner newsletter link", "link", "IT leaders", "Awareness"
    ),
    _campaign("cmp_link_2", "Community post", "LINK ", "Developers", "Consideration"),
    _campaign(
        "cmp_link_3", "QR code at event", "Link", " Finance leaders", "Conversion"
    ),
    _campaign(
        WORKED_EXAMPLE_CAMPAIGN_ID,
        "Worked example - target accounts",
        "ad",
        "Target accounts",
        "Consideration",
    ),
    _campaign("cmp_no_channel", "Untagged campaign", "", "IT leaders", "Awareness"),
)

CREATIVES: tuple[Creative, ...] = (
    Creative("cr_ad_1_a", "cmp_ad_1", "Hero video", "Product tour", "true"),
    Creative("cr_ad_1_b", "cmp_ad_1", "Customer quote", "Case study", ""),
    Creative("cr_ad_1_c", "cmp_ad_1", "Carousel", "Product tour", "no"),
    Creative("cr_ad_2_a", "cmp_ad_2", "Static banner", "Demo", "TRUE"),
    Creative("cr_ad_2_b", "cmp_ad_2", "Animated banner", "Demo", "false"),
    Creative("cr_ad_3_a", "cmp_ad_3", "Headline A", "Free trial", "0"),
    Creative("cr_ad_3_b", "cmp_ad_3", "Headline B", "Free trial", "yes"),
    Creative("cr_ad_3_c", "cmp_ad_3", "Headline C", " Free trial ", "No"),
    Creative("cr_ad_3_d", "cmp_ad_3", "Headline D", "Pricing", ""),
    Creative("cr_email_1_a", "cmp_email_1", "Subject: what's new", "Release notes",
             "1"),
    Creative("cr_email_1_b", "cmp_email_1", "Subject: 5 tips", "Ebook", "0"),
    Creative("cr_email_2_a", "cmp_email_2", "Invite v1", "Webinar", "Yes"),
    Creative("cr_email_2_b", "cmp_email_2", "Invite v2", "Webinar", "no"),
    Creative("cr_email_2_c", "cmp_email_2", "Invite v3, short", "Webinar", "FALSE"),
    Creative("cr_email_3_a", "cmp_email_3", "Day 3", "Onboarding call", "true"),
    Creative("cr_email_3_b", "cmp_email_3", "Day 7", "Discount", "false"),
    Creative("cr_link_1_a", "cmp_link_1", "Partner blurb", "Report", "True"),
    Creative("cr_link_1_b", "cmp_link_1", "Partner banner", "Report", "0"),
    Creative("cr_link_2_a", "cmp_link_2", "Forum post", "Docs", "1"),
    Creative("cr_link_2_b", "cmp_link_2", "Slack post", "Docs", ""),
    Creative("cr_link_2_c", "cmp_link_2", "Reddit post", "Docs", "no"),
    Creative("cr_link_3_a", "cmp_link_3", "Booth QR", "Demo", "yes"),
    Creative("cr_link_3_b", "cmp_link_3", "Flyer QR", "Demo", "No"),
    Creative("cr_we_control", "cmp_worked_example", "Control banner", "Demo", "TRUE"),
    Creative("cr_we_variant", "cmp_worked_example", "Variant banner", "Demo", "false"),
    Creative("cr_untagged_a", "cmp_no_channel", "Untagged creative", "Product tour",
             "1"),
    Creative("cr_untagged_b", "cmp_no_channel", "Untagged creative 2", "", "0"),
)  # fmt: skip

CREATIVE_CAMPAIGN: dict[str, str] = {c.creative_id: c.campaign_id for c in CREATIVES}


# --------------------------------------------------------------------------
# Timestamps and small helpers
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class TsFormat:
    """How a timestamp is written: separator and optional ``Z`` or offset."""

    sep: str = " "
    offset_minutes: int | None = None
    zulu: bool = False


PLAIN = TsFormat()
RANDOM_OFFSETS = (60, 120, 330, 540, -240, -300, -420)


def at(text: str) -> datetime:
    """Return the UTC instant of a plain ``YYYY-MM-DD HH:MM:SS[.f]`` text."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def render_ts(instant: datetime, fmt: TsFormat = PLAIN) -> str:
    """Write a UTC instant in the given form; fractions only when non-zero."""
    suffix = ""
    local = instant
    if fmt.offset_minutes is not None:
        local = instant.astimezone(timezone(timedelta(minutes=fmt.offset_minutes)))
        sign = "+" if fmt.offset_minutes >= 0 else "-"
        hours, minutes = divmod(abs(fmt.offset_minutes), 60)
        suffix = f"{sign}{hours:02d}:{minutes:02d}"
    elif fmt.zulu:
        suffix = "Z"
    text = local.strftime(f"%Y-%m-%d{fmt.sep}%H:%M:%S")
    if local.microsecond:
        text += "." + f"{local.microsecond:06d}".rstrip("0")
    return text + suffix


def parse_timestamp(text: str) -> datetime | None:
    """Parse a timestamp the way the contract defines it; None when invalid."""
    match = _TS_RE.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    fraction, zone = match.group(7), match.group(8)
    micros = int(fraction.ljust(6, "0")) if fraction else 0
    tz = UTC
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        tz = timezone(sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    try:
        return datetime(year, month, day, hour, minute, second, micros, tzinfo=tz)
    except ValueError:
        return None


def _random_instant(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """A whole-second instant uniformly in [start, end]."""
    span = int((end - start).total_seconds())
    return start + timedelta(seconds=rng.randint(0, span))


def _crm_timestamp(rng: random.Random) -> str:
    return render_ts(_random_instant(rng, CRM_START, CRM_END))


def _title_email(email: str) -> str:
    """``jane.doe@acme.com`` -> ``Jane.Doe@Acme.com``."""
    local, domain = email.rsplit("@", 1)
    return (
        ".".join(p.capitalize() for p in local.split(".")) + "@" + domain.capitalize()
    )


def _scatter(rng: random.Random, base: list[object], extra: list[object]) -> list:
    """Insert ``extra`` into ``base`` at random places, keeping extra's order."""
    positions = sorted(rng.randint(0, len(base)) for _ in extra)
    out: list[object] = []
    previous = 0
    for position, item in zip(positions, extra, strict=True):
        out.extend(base[previous:position])
        out.append(item)
        previous = position
    out.extend(base[previous:])
    return out


# --------------------------------------------------------------------------
# CRM records
# --------------------------------------------------------------------------


@dataclass
class Account:
    """A raw CRM account row plus the domain it was generated for."""

    account_id: str
    account_name: str
    website: str
    industry: str
    employee_count: str
    is_target: str
    updated_at: str
    domain: str | None = field(default=None, compare=False)

    def row(self) -> list[str]:
        """Return the row in the contract's column order."""
        return [
            self.account_id,
            self.account_name,
            self.website,
            self.industry,
            self.employee_count,
            self.is_target,
            self.updated_at,
        ]


@dataclass(frozen=True)
class Contact:
    """A raw CRM contact row."""

    contact_id: str
    email: str
    account_id: str
    updated_at: str

    def row(self) -> list[str]:
        """Return the row in the contract's column order."""
        return [self.contact_id, self.email, self.account_id, self.updated_at]


def _planted_account(
    account_id: str,
    name: str,
    website: str,
    industry: str,
    employees: str,
    is_target: str,
    updated_at: str,
) -> Account:
    return Account(
        account_id, name, website, industry, employees, is_target, updated_at
    )


# Order matters: within a tie the winner comes later in the file.
PLANTED_ACCOUNTS: tuple[Account, ...] = (
    _planted_account("acc_acme_1", "Acme Inc", "acme.com", "Software", "250", "no",
                     "2025-06-01 09:00:00"),
    _planted_account("acc_acme_3", "Acme", "https://acme.com/about", " Software ",
                     "1,200", "false", "2026-01-15 10:00:00"),
    _planted_account("acc_acme_5", "Acme (old)", "acme.com.", "Retail", "40", "yes",
                     "2026-02-30 12:00:00"),
    _planted_account("acc_acme_2", "ACME Incorporated", "www.Acme.com", "Software",
                     "1200", "0", "2026-01-15 10:00:00"),
    _planted_account("acc_acme_4", "Acme Inc.", "http://www.acme.com:8080/",
                     "Manufacturing", "300", "", ""),
    _planted_account("acc_globex_1", "Globex", "globex.io", "Finance", "800", "no",
                     "2025-03-01 08:30:00"),
    _planted_account("acc_globex_2", "Globex Corporation",
                     "https://www.Globex.io/contact", "Finance", "950", "FALSE",
                     "2025-11-20 16:45:00"),
    _planted_account("acc_globex_3", "Globex EU", " GLOBEX.IO/ ", "Finance", "120",
                     "0", "2024-12-01 12:00:00"),
    _planted_account("acc_blank_1", "Park Family Bakery", "", "Retail", "12", "no",
                     "2025-02-11 10:00:00"),
    _planted_account("acc_blank_2", "Acme Corporation", "", "Manufacturing", "75",
                     "", "2025-07-07 07:07:07"),
    _planted_account("acc_blank_3", "Kai Ito Design", "  ", "", "3", "0",
                     "2025-09-09 09:09:09"),
    _planted_account("acc_yahoo", "Yahoo", "https://www.yahoo.com/", "Software",
                     "8600", "no", "2025-04-04 14:00:00"),
    _planted_account("acc_brightpath", "Brightpath Health", "brightpath.io",
                     "Healthcare", "430", "false", "2025-08-15 11:20:00"),
    _planted_account("acc_northwind", "Northwind Traders", "northwind.io", "Retail",
                     "2300", "no", "2025-05-19 13:00:00"),
    _planted_account("acc_contoso", "Contoso Ltd", "https://www.contoso.com/",
                     "Software", "5001", "0", "2025-10-02 09:15:00"),
    _planted_account("acc_fabrikam", "Fabrikam Inc", "fabrikam.com", "Manufacturing",
                     "640", "No", "2025-01-28 17:40:00"),
    _planted_account("acc_tailspin", "Tailspin Toys", "tailspintoys.com", "Retail",
                     "95", "false", "2025-12-12 12:12:12"),
    _planted_account("acc_wingtip", "Wingtip Toys", "www.wingtiptoys.com", "Retail",
                     "51", "", "2025-03-03 03:03:03"),
    _planted_account("acc_litware", "Litware Inc", "litware.com", "Education", "200",
                     "no", "2025-06-30 18:00:00"),
    _planted_account("acc_adventure", "Adventure Works", "adventure-works.com",
                     "Manufacturing", "1001", "0", "2025-11-11 11:11:11"),
)  # fmt: skip

# Named single-record companies that also get random contacts and people.
NAMED_COMPANY_DOMAINS: dict[str, str] = {
    "acc_brightpath": "brightpath.io",
    "acc_northwind": "northwind.io",
    "acc_contoso": "contoso.com",
    "acc_fabrikam": "fabrikam.com",
    "acc_tailspin": "tailspintoys.com",
    "acc_wingtip": "wingtiptoys.com",
    "acc_litware": "litware.com",
    "acc_adventure": "adventure-works.com",
    "acc_acme_2": "acme.com",
    "acc_globex_2": "globex.io",
}

# Order matters: within a tie the winner comes later in the file.
PLANTED_CONTACTS: tuple[Contact, ...] = (
    Contact("ct_case_acme_1", "ben.ortiz@acme.com", "acc_acme_1",
            "2025-07-01 10:00:00"),
    Contact("ct_case_acme_3", "Chloe.Wu@ACME.com", "acc_acme_3", "2025-08-01 10:00:00"),
    Contact("ct_case_acme_5", "dan.fox@acme.com", "acc_acme_5", "2025-09-01 10:00:00"),
    Contact("ct_case_dup_account_ref", "lena.fischer@acme.com", "acc_acme_4",
            "2025-10-01 10:00:00"),
    Contact("ct_case_globex_1", "eve.adams@globex.io", "acc_globex_1",
            "2025-04-01 10:00:00"),
    Contact("ct_case_empty_account", "tom.becker@globex.io", "", "2025-05-05 10:00:00"),
    Contact("ct_case_missing_account", "nina.ross@northwind.io", "acc_9999",
            "2025-06-06 10:00:00"),
    Contact("ct_case_spaced_account_id", "eva.green@fabrikam.com", " acc_fabrikam ",
            "2025-07-07 10:00:00"),
    Contact("ct_case_two_old", "sam.lee@contoso.com", "acc_contoso",
            "2025-01-10 09:00:00"),
    Contact("ct_case_two_new", "sam.lee@contoso.com", "acc_fabrikam",
            "2025-12-01 09:00:00"),
    Contact("ct_case_tie_9", "kim.nguyen@tailspintoys.com", "acc_wingtip",
            "2025-11-11 11:00:00"),
    Contact("ct_case_tie_10", "kim.nguyen@tailspintoys.com", "acc_tailspin",
            "2025-11-11 11:00:00"),
    Contact("ct_case_bad_date", "omar.haddad@litware.com", "acc_wingtip",
            "2026-02-30 08:00:00"),
    Contact("ct_case_good_date", "omar.haddad@litware.com", "acc_litware",
            "2024-06-01 08:00:00"),
    Contact("ct_case_empty_date", "ana.silva@litware.com", "acc_adventure", ""),
    Contact("ct_case_dated", "ana.silva@litware.com", "acc_litware",
            "2024-02-02 08:00:00"),
    Contact("ct_case_older_with_account", "leo.martin@adventure-works.com",
            "acc_contoso", "2025-01-01 08:00:00"),
    Contact("ct_case_newest_no_account", "leo.martin@adventure-works.com", "",
            "2025-10-01 08:00:00"),
    Contact("ct_case_freemail", "jane.cooper@gmail.com", "acc_northwind",
            "2025-03-15 08:00:00"),
    Contact("ct_case_freemail_messy", "  Mark.Evans@Outlook.com ", "acc_contoso",
            "2025-03-16 08:00:00"),
    Contact("ct_case_freemail_no_account", "pat.kim@yahoo.com", "",
            "2025-03-17 08:00:00"),
    Contact("ct_case_no_account_domain", "sara.kline@vandelay.com", "acc_fabrikam",
            "2025-03-18 08:00:00"),
    Contact("ct_case_blank_website", "joe.blank@acmecorp-mail.net", "acc_blank_2",
            "2025-03-19 08:00:00"),
    Contact("ct_case_blank_1", "lee.park@parkfamilybakery.com", "acc_blank_1",
            "2025-03-20 08:00:00"),
    Contact("ct_case_blank_3", "kai@kaiito.design", "acc_blank_3",
            "2025-03-21 08:00:00"),
)  # fmt: skip

EXPECTED_CANONICAL_ACCOUNT: dict[str, str] = {
    "acc_acme_1": "acc_acme_2",
    "acc_acme_2": "acc_acme_2",
    "acc_acme_3": "acc_acme_2",
    "acc_acme_4": "acc_acme_2",
    "acc_acme_5": "acc_acme_2",
    "acc_globex_1": "acc_globex_2",
    "acc_globex_2": "acc_globex_2",
    "acc_globex_3": "acc_globex_2",
    "acc_blank_1": "acc_blank_1",
    "acc_blank_2": "acc_blank_2",
    "acc_blank_3": "acc_blank_3",
    "acc_yahoo": "acc_yahoo",
}

# Person (normalised email) -> canonical account id, None when unmapped.
EXPECTED_PERSON_ACCOUNT: dict[str, str | None] = {
    "ben.ortiz@acme.com": "acc_acme_2",
    "chloe.wu@acme.com": "acc_acme_2",
    "dan.fox@acme.com": "acc_acme_2",
    "lena.fischer@acme.com": "acc_acme_2",
    "raj.patel@acme.com": "acc_acme_2",
    "eve.adams@globex.io": "acc_globex_2",
    "tom.becker@globex.io": "acc_globex_2",
    "nina.ross@northwind.io": "acc_northwind",
    "eva.green@fabrikam.com": "acc_fabrikam",
    "sam.lee@contoso.com": "acc_fabrikam",
    "kim.nguyen@tailspintoys.com": "acc_tailspin",
    "omar.haddad@litware.com": "acc_litware",
    "ana.silva@litware.com": "acc_litware",
    "leo.martin@adventure-works.com": "acc_adventure",
    "jane.cooper@gmail.com": "acc_northwind",
    "mark.evans@outlook.com": "acc_contoso",
    "pat.kim@yahoo.com": None,
    "ali.reza@yahoo.com": None,
    "chris.jones@hotmail.com": None,
    "max.weber@googlemail.com": None,
    "eli.cohen@proton.me": None,
    "dev.ops@initech.com": None,
    "li.wei@hooli.xyz": None,
    "sara.kline@vandelay.com": "acc_fabrikam",
    "joe.blank@acmecorp-mail.net": "acc_blank_2",
    "amy.wong@acmecorp-mail.net": None,
    "lee.park@parkfamilybakery.com": "acc_blank_1",
    "kai@kaiito.design": "acc_blank_3",
    "ops@team@northwind.io": "acc_northwind",
    "ivy.stone@brightpath.io": "acc_brightpath",
}


# --------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------


@dataclass
class Event:
    """A raw view or click row plus the instant used to order the file."""

    event_id: str
    timestamp: str
    email: str
    campaign_id: str
    creative_id: str
    user_agent: str
    sort_key: datetime

    def row(self) -> list[str]:
        """Return the row in the contract's column order."""
        return [
            self.event_id,
            self.timestamp,
            self.email,
            self.campaign_id,
            self.creative_id,
            self.user_agent,
        ]


@dataclass(frozen=True)
class RejectionCase:
    """A rule 1 rejection planted in both views and clicks."""

    event_id: str  # ``{p}`` is replaced by ``v`` or ``c``
    timestamp: str
    email: str
    campaign_id: str
    creative_id: str
    reason: str


_REJ_EMAIL = "rej.case@" + CASE_DOMAIN
_REJ_TS = "2026-03-05 10:{minute:02d}:00"


def _rejection_cases() -> tuple[RejectionCase, ...]:
    """The planted rule 1 rejections; timestamps are filled in per row."""
    ok_ts = "{ok}"
    cases = [
        ("", ok_ts, "missing.id1@" + CASE_DOMAIN, "cmp_ad_1", "cr_ad_1_a",
         "missing_id"),
        ("   ", ok_ts, "missing.id2@" + CASE_DOMAIN, "cmp_ad_1", "cr_ad_1_a",
         "missing_id"),
        ("", "yesterday", "no-at-sign.com", "cmp_does_not_exist", "cr_ad_1_a",
         "missing_id"),
        ("{p}_rej_ts_feb30", "2026-02-30 10:00:00", _REJ_EMAIL, "cmp_ad_1",
         "cr_ad_1_a", "invalid_timestamp"),
        ("{p}_rej_ts_hour24", "2026-03-05 24:00:00", _REJ_EMAIL, "cmp_ad_1",
         "cr_ad_1_a", "invalid_timestamp"),
        ("{p}_rej_ts_date_only", "2026-03-05", _REJ_EMAIL, "cmp_ad_1", "cr_ad_1_a",
         "invalid_timestamp"),
        ("{p}_rej_ts_offset_no_colon", "2026-03-05 10:00:00+0200", _REJ_EMAIL,
         "cmp_ad_1", "cr_ad_1_a", "invalid_timestamp"),
        ("{p}_rej_ts_text", "yesterday", _REJ_EMAIL, "cmp_ad_1", "cr_ad_1_a",
         "invalid_timestamp"),
        ("{p}_rej_ts_empty", "", _REJ_EMAIL, "cmp_ad_1", "cr_ad_1_a",
         "invalid_timestamp"),
        ("{p}_rej_ts_apr31", "2026-04-31 09:00:00", _REJ_EMAIL, "cmp_ad_1",
         "cr_ad_1_a", "invalid_timestamp"),
        ("{p}_rej_ts_no_seconds", "2026-03-05 10:00", _REJ_EMAIL, "cmp_ad_1",
         "cr_ad_1_a", "invalid_timestamp"),
        ("{p}_rej_ts_slashes", "2026/03/05 10:00:00", _REJ_EMAIL, "cmp_ad_1",
         "cr_ad_1_a", "invalid_timestamp"),
        ("{p}_rej_ts_zone_name", "2026-03-05 10:00:00 UTC", _REJ_EMAIL, "cmp_ad_1",
         "cr_ad_1_a", "invalid_timestamp"),
        ("{p}_rej_ts_minute60", "2026-03-05 10:60:00", _REJ_EMAIL, "cmp_ad_1",
         "cr_ad_1_a", "invalid_timestamp"),
        ("{p}_rej_ts_and_email", "2026-13-01 10:00:00", "@acme.com", "cmp_ad_1",
         "cr_ad_1_a", "invalid_timestamp"),
        ("{p}_rej_email_empty", ok_ts, "", "cmp_ad_1", "cr_ad_1_a", "invalid_email"),
        ("{p}_rej_email_blank", ok_ts, "   ", "cmp_ad_1", "cr_ad_1_a",
         "invalid_email"),
        ("{p}_rej_email_no_at", ok_ts, "no-at-sign.com", "cmp_ad_1", "cr_ad_1_a",
         "invalid_email"),
        ("{p}_rej_email_nothing_before", ok_ts, "@acme.com", "cmp_ad_1", "cr_ad_1_a",
         "invalid_email"),
        ("{p}_rej_email_nothing_after", ok_ts, "someone@", "cmp_ad_1", "cr_ad_1_a",
         "invalid_email"),
        ("{p}_rej_email_padded_nothing_before", ok_ts, "  @acme.com ", "cmp_ad_1",
         "cr_ad_1_a", "invalid_email"),
        ("{p}_rej_email_and_campaign", ok_ts, "someone@", "cmp_does_not_exist",
         "cr_ad_1_a", "invalid_email"),
        ("{p}_rej_campaign_missing", ok_ts, _REJ_EMAIL, "cmp_does_not_exist",
         "cr_ad_1_a", "unknown_campaign"),
        ("{p}_rej_campaign_case", ok_ts, _REJ_EMAIL, "CMP_AD_1", "cr_ad_1_a",
         "unknown_campaign"),
        ("{p}_rej_campaign_empty", ok_ts, _REJ_EMAIL, "", "cr_ad_1_a",
         "unknown_campaign"),
        ("{p}_rej_campaign_and_creative", ok_ts, _REJ_EMAIL, "cmp_does_not_exist",
         "cr_does_not_exist", "unknown_campaign"),
        ("{p}_rej_creative_other_campaign", ok_ts, _REJ_EMAIL, "cmp_ad_1",
         "cr_email_1_a", "unknown_creative"),
        ("{p}_rej_creative_worked_example", ok_ts, _REJ_EMAIL, "cmp_ad_2",
         "cr_we_control", "unknown_creative"),
        ("{p}_rej_creative_missing", ok_ts, _REJ_EMAIL, "cmp_ad_1",
         "cr_does_not_exist", "unknown_creative"),
        ("{p}_rej_creative_empty", ok_ts, _REJ_EMAIL, "cmp_ad_1", "",
         "unknown_creative"),
        ("{p}_rej_creative_case", ok_ts, _REJ_EMAIL, "cmp_ad_1", "CR_AD_1_A",
         "unknown_creative"),
    ]  # fmt: skip
    return tuple(RejectionCase(*case) for case in cases)


REJECTION_CASES = _rejection_cases()


def _rejection_outcomes(prefix: str) -> dict[str, str]:
    return {
        case.event_id.format(p=prefix): "rejected:" + case.reason
        for case in REJECTION_CASES
        if case.reason != "missing_id"
    }


# Planted views that only support a click or timestamp case: all counted.
SUPPORTING_VIEWS = (
    "v_case_after_bot_click_view",
    "v_case_attr_7d_view",
    "v_case_attr_latest_1",
    "v_case_attr_latest_2",
    "v_case_attr_month_view",
    "v_case_bot_clicker_view",
    "v_case_dbl_29_999s_view",
    "v_case_dbl_29s_view",
    "v_case_dbl_30s_view",
    "v_case_dbl_other_creative_view_a",
    "v_case_dbl_other_creative_view_b",
    "v_case_dbl_triple_view",
    "v_case_dbl_tz_view",
    "v_case_dup_click_view",
    "v_case_dup_cross_day_view",
    "v_case_dup_machine_view",
    "v_case_human_1s_frac_view",
    "v_case_human_1s_view",
    "v_case_machine_0_5s_view",
    "v_case_machine_0_999999s_view",
    "v_case_machine_0s_view",
    "v_case_machine_latest_1",
    "v_case_machine_latest_2",
    "v_case_orphan_7d_1s_view",
    "v_case_orphan_7d_half_view",
    "v_case_orphan_other_creative_view",
    "v_case_orphan_view_after",
    "v_case_ts_frac1",
    "v_case_ts_frac3",
    "v_case_ts_frac6",
    "v_case_ts_frac_offset",
    "v_case_ts_frac_z",
    "v_case_ts_half_hour",
    "v_case_ts_minus",
    "v_case_ts_plus",
    "v_case_ts_space",
    "v_case_ts_t",
    "v_case_ts_z",
    "v_case_tz_clicker_view",
    "v_case_tz_orphan_view",
    "v_case_tz_qualifies_view",
)

# Event id -> expected outcome of the event (for a duplicated id: of the kept
# copy), for every planted id (rows without an id are the missing_id cases).
# Views: counted | invalid_traffic | rejected:<reason>.
EXPECTED_VIEW_OUTCOMES: dict[str, str] = {
    **dict.fromkeys(SUPPORTING_VIEWS, "counted"),
    **_rejection_outcomes("v"),
    **{f"v_case_bot_{key}": "invalid_traffic" for key in BOT_USER_AGENTS},
    "v_case_ua_empty": "counted",
    "v_case_email_mixed_case": "counted",
    "v_case_email_spaces": "counted",
    "v_case_email_tabs": "counted",
    "v_case_email_two_at": "counted",
    "v_case_trim_ids": "counted",
    "v_case_dup_twice": "counted",
    "v_case_dup_thrice": "counted",
    "v_case_dup_cross_day": "counted",
    "v_case_dup_with_rejected": "counted",
    "v_case_orphan_bot_view": "invalid_traffic",
    "v_case_orphan_rejected_view": "rejected:invalid_timestamp",
    "v_case_tz_plus_midnight": "counted",
    "v_case_tz_minus_midnight": "counted",
    "v_case_tz_week": "counted",
    "v_case_tz_month": "counted",
}

# Clicks: qualifying | double_click | orphan | machine | invalid_traffic |
# rejected:<reason>.
EXPECTED_CLICK_OUTCOMES: dict[str, str] = {
    **_rejection_outcomes("c"),
    **{f"c_case_bot_{key}": "invalid_traffic" for key in BOT_USER_AGENTS},
    "c_case_ua_empty": "qualifying",
    "c_case_after_bot_click_1": "invalid_traffic",
    "c_case_after_bot_click_2": "qualifying",
    "c_case_orphan_bot_view": "orphan",
    "c_case_email_mixed": "qualifying",
    "c_case_trim_ids": "qualifying",
    "c_case_ts_space": "qualifying",
    "c_case_ts_t": "qualifying",
    "c_case_ts_frac3": "qualifying",
    "c_case_ts_frac6": "qualifying",
    "c_case_ts_z": "qualifying",
    "c_case_ts_plus": "qualifying",
    "c_case_ts_minus": "qualifying",
    "c_case_ts_half_hour": "qualifying",
    "c_case_tz_plus_midnight": "qualifying",
    "c_case_tz_minus_midnight": "qualifying",
    "c_case_tz_orphan": "orphan",
    "c_case_tz_qualifies": "qualifying",
    "c_case_dup_twice": "qualifying",
    "c_case_dup_thrice": "qualifying",
    "c_case_dup_cross_day": "qualifying",
    "c_case_dup_machine": "machine",
    "c_case_dbl_triple_1": "qualifying",
    "c_case_dbl_triple_2": "double_click",
    "c_case_dbl_triple_3": "double_click",
    "c_case_dbl_29s_1": "qualifying",
    "c_case_dbl_29s_2": "double_click",
    "c_case_dbl_30s_1": "qualifying",
    "c_case_dbl_30s_2": "qualifying",
    "c_case_dbl_29_999s_1": "qualifying",
    "c_case_dbl_29_999s_2": "double_click",
    "c_case_dbl_tz_1": "qualifying",
    "c_case_dbl_tz_2": "double_click",
    "c_case_dbl_other_creative_a": "qualifying",
    "c_case_dbl_other_creative_b": "qualifying",
    "c_case_orphan_no_view": "orphan",
    "c_case_orphan_view_after": "orphan",
    "c_case_orphan_7d_1s": "orphan",
    "c_case_attr_7d_exact": "qualifying",
    "c_case_orphan_7d_half": "orphan",
    "c_case_orphan_rejected_view": "orphan",
    "c_case_attr_latest": "qualifying",
    "c_case_attr_month": "qualifying",
    "c_case_machine_0s": "machine",
    "c_case_machine_0_5s": "machine",
    "c_case_machine_0_999999s": "machine",
    "c_case_human_1s": "qualifying",
    "c_case_human_1s_frac": "qualifying",
    "c_case_machine_latest": "machine",
}

# Click id -> the view it is attributed to (qualifying and machine clicks).
EXPECTED_ATTRIBUTION: dict[str, str] = {
    "c_case_attr_7d_exact": "v_case_attr_7d_view",
    "c_case_attr_latest": "v_case_attr_latest_2",
    "c_case_attr_month": "v_case_attr_month_view",
    "c_case_tz_qualifies": "v_case_tz_qualifies_view",
    "c_case_tz_plus_midnight": "v_case_tz_clicker_view",
    "c_case_tz_minus_midnight": "v_case_tz_clicker_view",
    "c_case_machine_latest": "v_case_machine_latest_2",
    "c_case_dup_machine": "v_case_dup_machine_view",
    "c_case_email_mixed": "v_case_email_tabs",
}

# Event id -> its UTC instant (for duplicated ids: the kept, earliest copy).
EXPECTED_EVENT_UTC: dict[str, str] = {
    "v_case_tz_plus_midnight": "2026-03-09 23:30:00",
    "v_case_tz_minus_midnight": "2026-03-11 03:30:00",
    "v_case_tz_week": "2026-03-08 23:15:00",
    "v_case_tz_month": "2026-03-31 22:30:00",
    "c_case_tz_plus_midnight": "2026-03-09 23:30:00",
    "c_case_tz_minus_midnight": "2026-03-11 03:30:00",
    "v_case_dup_thrice": "2026-03-25 09:59:58",
    "v_case_dup_cross_day": "2026-03-26 23:59:50",
    "c_case_dup_thrice": "2026-03-27 09:20:00",
    "c_case_dup_cross_day": "2026-03-27 23:59:55",
    "c_case_dup_machine": "2026-03-28 08:00:00.400000",
}


# --------------------------------------------------------------------------
# The builder
# --------------------------------------------------------------------------


def _case(local: str) -> str:
    """Email of a planted-case person at the case company."""
    return f"{local}@{CASE_DOMAIN}"


class SampleBuilder:
    """Builds the six raw tables from one ``random.Random``."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.accounts: list[Account] = []
        self.contacts: list[Contact] = []
        self.views: list[Event] = []
        self.clicks: list[Event] = []
        self.used_emails: set[str] = set(EXPECTED_PERSON_ACCOUNT)
        self.used_ids: set[str] = set()
        self.contacts_by_account: dict[str, list[str]] = {}
        self.target_ids: list[str] = []
        self.people: list[str] = []
        self.forced_people: set[str] = set()

    # -- ids and people ----------------------------------------------------

    def _new_event_id(self, prefix: str) -> str:
        while True:
            event_id = f"{prefix}_{self.rng.getrandbits(48):012x}"
            if event_id not in self.used_ids:
                self.used_ids.add(event_id)
                return event_id

    def _new_email(self, domain: str) -> str:
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        style = rng.choices(("dot", "initial", "first", "underscore"), (6, 2, 1, 1))[0]
        local = {
            "dot": f"{first}.{last}",
            "initial": f"{first[0]}{last}",
            "first": first,
            "underscore": f"{first}_{last}",
        }[style]
        email = f"{local}@{domain}"
        suffix = 2
        while email in self.used_emails:
            email = f"{local}{suffix}@{domain}"
            suffix += 1
        self.used_emails.add(email)
        return email

    def _free_email(self) -> str:
        rng = self.rng
        local = (
            f"{rng.choice(FIRST_NAMES)}.{rng.choice(LAST_NAMES)}{rng.randint(1, 99)}"
        )
        email = f"{local}@{rng.choice(FREE_EMAIL_DOMAINS)}"
        while email in self.used_emails:
            email = f"{local}{rng.randint(100, 999)}@{rng.choice(FREE_EMAIL_DOMAINS)}"
        self.used_emails.add(email)
        return email

    def _messy_email(self, email: str) -> str:
        """The person's email as a tracking platform might deliver it."""
        draw = self.rng.random()
        if draw < 0.88:
            return email
        if draw < 0.93:
            return _title_email(email)
        if draw < 0.95:
            return email.upper()
        lead = self.rng.choice((" ", "  ", "\t"))
        return lead + email + self.rng.choice(("", " ", "\t"))

    def _human_ua(self) -> str:
        if self.rng.random() < 0.04:
            return ""
        return self.rng.choice(HUMAN_USER_AGENTS)

    def _random_format(self) -> tuple[TsFormat, bool]:
        """A random timestamp form and whether to add fractional seconds."""
        rng = self.rng
        kind = rng.choices(
            ("space", "t", "space_frac", "z", "z_frac", "offset", "t_offset"),
            (60, 15, 5, 8, 2, 5, 5),
        )[0]
        offset = rng.choice(RANDOM_OFFSETS)
        formats = {
            "space": (PLAIN, False),
            "t": (TsFormat("T"), False),
            "space_frac": (PLAIN, True),
            "z": (TsFormat("T", zulu=True), False),
            "z_frac": (TsFormat("T", zulu=True), True),
            "offset": (TsFormat(" ", offset), False),
            "t_offset": (TsFormat("T", offset), False),
        }
        return formats[kind]

    def _fraction(self) -> timedelta:
        if self.rng.random() < 0.7:
            return timedelta(milliseconds=self.rng.randint(1, 999))
        return timedelta(microseconds=self.rng.randint(1, 999_999))

    # -- adding rows -------------------------------------------------------

    def _add(
        self,
        table: list[Event],
        event_id: str,
        timestamp: str,
        email: str,
        creative_id: str,
        *,
        campaign_id: str | None = None,
        user_agent: str = HUMAN_UA,
        sort_key: datetime | None = None,
    ) -> Event:
        """Add a row given as text; the order key defaults to its instant."""
        key = sort_key or parse_timestamp(timestamp) or at("2026-03-05 10:00:00")
        campaign = (
            CREATIVE_CAMPAIGN[creative_id] if campaign_id is None else campaign_id
        )
        event = Event(
            event_id, timestamp, email, campaign, creative_id, user_agent, key
        )
        table.append(event)
        if event_id.strip():
            self.used_ids.add(event_id)
        return event

    def _view(
        self,
        event_id: str,
        ts: str,
        email: str,
        creative: str,
        *,
        campaign_id: str | None = None,
        user_agent: str = HUMAN_UA,
        sort_key: datetime | None = None,
    ) -> Event:
        """Add a planted view row (timestamp given as text)."""
        return self._add(
            self.views,
            event_id,
            ts,
            email,
            creative,
            campaign_id=campaign_id,
            user_agent=user_agent,
            sort_key=sort_key,
        )

    def _click(
        self,
        event_id: str,
        ts: str,
        email: str,
        creative: str,
        *,
        campaign_id: str | None = None,
        user_agent: str = HUMAN_UA,
        sort_key: datetime | None = None,
    ) -> Event:
        """Add a planted click row (timestamp given as text)."""
        return self._add(
            self.clicks,
            event_id,
            ts,
            email,
            creative,
            campaign_id=campaign_id,
            user_agent=user_agent,
            sort_key=sort_key,
        )

    def _random_event(
        self,
        table: list[Event],
        prefix: str,
        instant: datetime,
        email: str,
        creative: str,
        user_agent: str,
        *,
        clean: bool = False,
    ) -> Event:
        """Add a random-id row at ``instant`` in a random (or plain) form."""
        fmt = PLAIN
        if not clean:
            fmt, _ = self._random_format()
        text = render_ts(instant, fmt)
        shown = email if clean else self._messy_email(email)
        event_id = self._new_event_id(prefix)
        return self._add(
            table,
            event_id,
            text,
            shown,
            creative,
            user_agent=user_agent,
            sort_key=instant,
        )

    # -- CRM -----------------------------------------------------------------

    def build_accounts(self) -> None:
        """Regular accounts (100 targets among them) plus the planted ones."""
        rng = self.rng
        combos = [(p, s) for p in COMPANY_PREFIXES for s in COMPANY_SUFFIXES]
        picks = rng.sample(combos, REGULAR_ACCOUNTS)
        special = rng.sample(range(REGULAR_ACCOUNTS), 2 * 9 + len(BAD_EMPLOYEE_COUNTS))
        employee_override: dict[int, str] = {}
        for slot, index in enumerate(special):
            if slot < 18:
                employee_override[index] = str(BOUNDARY_EMPLOYEE_COUNTS[slot // 2])
            else:
                employee_override[index] = BAD_EMPLOYEE_COUNTS[slot - 18]
        targets = set(rng.sample(range(REGULAR_ACCOUNTS), WORKED_EXAMPLE_TARGETS))
        regular: list[Account] = []
        seen_domains = set(NAMED_COMPANY_DOMAINS.values()) | set(UNMAPPED_DOMAINS)
        for index, (prefix, (suffix, industry)) in enumerate(picks):
            domain = f"{prefix.lower()}{rng.choice(('', '-'))}{suffix.lower()}"
            domain += rng.choice(TLDS)
            if domain in seen_domains:
                raise ValueError(f"domain generated twice: {domain}")
            seen_domains.add(domain)
            employees = str(round(math.exp(rng.uniform(math.log(2), math.log(20000)))))
            if index in employee_override:
                employees = employee_override[index]
            is_target = index in targets
            account = Account(
                account_id=f"acc_{index + 1:04d}",
                account_name=f"{prefix} {suffix}",
                website=self._website(domain, prefix + suffix),
                industry=self._industry(industry),
                employee_count=employees,
                is_target=rng.choice(TRUE_SPELLINGS if is_target else FALSE_SPELLINGS),
                updated_at=_crm_timestamp(rng),
                domain=domain,
            )
            regular.append(account)
            if is_target:
                self.target_ids.append(account.account_id)
        for account in PLANTED_ACCOUNTS:
            account.domain = NAMED_COMPANY_DOMAINS.get(account.account_id)
        self.accounts = _scatter(rng, list(regular), list(PLANTED_ACCOUNTS))

    def _website(self, domain: str, camel: str) -> str:
        rng = self.rng
        form = rng.choices(
            ("bare", "www", "https_www", "https", "http", "camel"),
            (50, 20, 10, 10, 5, 5),
        )[0]
        tld = domain[len(domain.split(".")[0]) :]
        return {
            "bare": domain,
            "www": f"www.{domain}",
            "https_www": f"https://www.{domain}/",
            "https": f"https://{domain}",
            "http": f"http://{domain}",
            "camel": f"www.{camel}{tld}" if "-" not in domain else domain,
        }[form]

    def _industry(self, natural: str) -> str:
        draw = self.rng.random()
        if draw < 0.80:
            return natural
        if draw < 0.92:
            return self.rng.choice(INDUSTRIES)
        if draw < 0.97:
            return ""
        return f" {natural} "

    def build_contacts(self) -> None:
        """Contacts for most accounts (every target) plus the planted ones."""
        rng = self.rng
        regular: list[Contact] = []
        targets = set(self.target_ids)
        named = [a for a in PLANTED_ACCOUNTS if a.account_id in NAMED_COMPANY_DOMAINS]
        candidates = [a for a in self.accounts if a.account_id.startswith("acc_0")]
        for account in sorted(candidates, key=lambda a: a.account_id) + named:
            is_target = account.account_id in targets
            if is_target:
                count = rng.randint(1, 5)
            elif rng.random() < 0.85:
                count = rng.choices(range(1, 8), (20, 25, 20, 15, 10, 6, 4))[0]
            else:
                count = 0
            for _ in range(count):
                assert account.domain is not None
                free = not is_target and rng.random() < 0.05
                email = self._free_email() if free else self._new_email(account.domain)
                shown = email
                if not is_target and rng.random() < 0.05:
                    shown = rng.choice(
                        (_title_email(email), f" {email} ", email.upper())
                    )
                contact = Contact(
                    contact_id=f"ct_{len(regular) + 1:05d}",
                    email=shown,
                    account_id=account.account_id,
                    updated_at=_crm_timestamp(rng),
                )
                regular.append(contact)
                self.contacts_by_account.setdefault(account.account_id, []).append(
                    email
                )
        self.contacts = _scatter(rng, list(regular), list(PLANTED_CONTACTS))

    def build_people(self) -> None:
        """The pool of people who take part in random activity."""
        rng = self.rng
        pool = [c.email.strip(" \t").lower() for c in self.contacts]
        pool = list(dict.fromkeys(pool))  # a person with two records once
        self.forced_people = {
            p
            for p in EXPECTED_PERSON_ACCOUNT
            if p.count("@") == 1 and not p.endswith("@" + CASE_DOMAIN)
        }
        for person in EXPECTED_PERSON_ACCOUNT:
            if person not in pool and person in self.forced_people:
                pool.append(person)
        domains = [a.domain for a in self.accounts if a.account_id.startswith("acc_0")]
        domains += list(NAMED_COMPANY_DOMAINS.values())
        domains = [d for d in domains if d is not None and d != CASE_DOMAIN]
        pool += [self._new_email(rng.choice(domains)) for _ in range(250)]
        pool += [self._free_email() for _ in range(50)]
        pool += [self._new_email(rng.choice(UNMAPPED_DOMAINS)) for _ in range(35)]
        self.people = pool

    # -- random activity ---------------------------------------------------

    def simulate_activity(self) -> None:
        """Views and clicks of the regular campaigns by the people pool."""
        regular = [c for c in CAMPAIGNS if c.campaign_id != WORKED_EXAMPLE_CAMPAIGN_ID]
        for person in self.people:
            count = self.rng.choices(range(5), (12, 30, 30, 18, 10))[0]
            if person in self.forced_people:
                count = max(count, 1)
            for campaign in self.rng.sample(regular, count):
                self._exposure(person, campaign)

    def _exposure(self, person: str, campaign: Campaign) -> None:
        """One person's random views (and maybe clicks) of one campaign."""
        rng = self.rng
        creatives = [
            c.creative_id for c in CREATIVES if c.campaign_id == campaign.campaign_id
        ]
        creative = rng.choice(creatives)
        views = sorted(
            _random_instant(rng, WINDOW_START, WINDOW_END)
            for _ in range(rng.choices((1, 2, 3), (65, 25, 10))[0])
        )
        for instant in views:
            fmt, frac = self._random_format()
            if frac:
                instant += self._fraction()
            event = self._add(
                self.views,
                self._new_event_id("v"),
                render_ts(instant, fmt),
                self._messy_email(person),
                creative,
                user_agent=self._human_ua(),
                sort_key=instant,
            )
            if rng.random() < 0.012:
                self._duplicate(self.views, event, instant)
        if rng.random() < CHANNEL_CLICK_PROBABILITY[campaign.channel]:
            self._clicks_after(person, campaign, creative, rng.choice(views))
        if rng.random() < 0.03:
            self._bot_exposure(person, creative)
        if rng.random() < 0.01 and len(creatives) > 1:
            other = rng.choice([c for c in creatives if c != creative])
            instant = _random_instant(rng, WINDOW_START, WINDOW_END)
            self._random_event(
                self.clicks, "c", instant, person, other, self._human_ua()
            )

    def _clicks_after(
        self, person: str, campaign: Campaign, creative: str, view: datetime
    ) -> None:
        """A human click after ``view``, sometimes a scanner or a double click."""
        rng = self.rng
        scanner = campaign.channel == "email" and rng.random() < 0.10
        if scanner:
            delta = timedelta(milliseconds=rng.randint(0, 900))
            self._random_event(
                self.clicks, "c", view + delta, person, creative, SCANNER_LOOKALIKE_UA
            )
        click = view + self._click_delay(minimum=60 if scanner else 5)
        if click > WINDOW_END:
            return
        ua = self._human_ua()
        event = self._random_event(self.clicks, "c", click, person, creative, ua)
        if rng.random() < 0.012:
            self._duplicate(self.clicks, event, click)
        if rng.random() < 0.05:
            extra = click + timedelta(seconds=rng.randint(1, 25))
            self._random_event(self.clicks, "c", extra, person, creative, ua)

    def _click_delay(self, minimum: int) -> timedelta:
        """Seconds from view to click: mostly minutes, sometimes days."""
        rng = self.rng
        bucket = rng.choices(("minutes", "hours", "days"), (70, 20, 10))[0]
        low, high = {
            "minutes": (minimum, 600),
            "hours": (600, 86_400),
            "days": (86_400, 596_160),  # 6.9 days
        }[bucket]
        seconds = math.exp(rng.uniform(math.log(low), math.log(high)))
        return timedelta(seconds=round(seconds))

    def _duplicate(self, table: list[Event], event: Event, instant: datetime) -> None:
        """Re-deliver a row: identical, or a few seconds later."""
        rng = self.rng
        if rng.random() < 0.5:
            copy = Event(*event.row(), sort_key=instant)
        else:
            later = instant + timedelta(seconds=rng.randint(1, 90))
            copy = Event(
                event.event_id,
                render_ts(later, PLAIN),
                event.email,
                event.campaign_id,
                event.creative_id,
                event.user_agent,
                later,
            )
        table.append(copy)

    def _bot_exposure(self, person: str, creative: str) -> None:
        """A crawler or scanner fetching a person's tracked view (and link)."""
        rng = self.rng
        ua = rng.choice(list(BOT_USER_AGENTS.values()))
        instant = _random_instant(rng, WINDOW_START, WINDOW_END - timedelta(hours=1))
        self._random_event(self.views, "v", instant, person, creative, ua)
        if rng.random() < 0.5:
            later = instant + timedelta(seconds=rng.randint(0, 120))
            self._random_event(self.clicks, "c", later, person, creative, ua)

    # -- worked example ----------------------------------------------------

    def build_worked_example(self) -> None:
        """100 target accounts, contacts at 80 view, contacts at 20 of them click."""
        rng = self.rng
        viewed = rng.sample(self.target_ids, WORKED_EXAMPLE_VIEWED)
        clicked = set(rng.sample(viewed, WORKED_EXAMPLE_CLICKED))
        latest_view = WINDOW_END - timedelta(days=1, hours=1)
        for account_id in viewed:
            contacts = self.contacts_by_account[account_id]
            viewers = rng.sample(contacts, min(len(contacts), rng.choice((1, 1, 2))))
            for position, person in enumerate(viewers):
                creative = rng.choice(WORKED_EXAMPLE_CREATIVE_IDS)
                instants = sorted(
                    _random_instant(rng, WINDOW_START, latest_view)
                    for _ in range(rng.choice((1, 1, 2)))
                )
                for instant in instants:
                    ua = rng.choice(HUMAN_USER_AGENTS)
                    self._random_event(
                        self.views, "v", instant, person, creative, ua, clean=True
                    )
                clicks = account_id in clicked and (position == 0 or rng.random() < 0.4)
                if clicks:
                    delay = timedelta(seconds=rng.randint(5, 86_400))
                    ua = rng.choice(HUMAN_USER_AGENTS)
                    self._random_event(
                        self.clicks,
                        "c",
                        instants[-1] + delay,
                        person,
                        creative,
                        ua,
                        clean=True,
                    )

    # -- planted event cases -----------------------------------------------

    def plant_cases(self) -> None:
        """Every case the contract's rules name (see the module docstring)."""
        self._plant_rejections()
        self._plant_timestamp_forms()
        self._plant_emails_and_ids()
        self._plant_duplicates()
        self._plant_invalid_traffic()
        self._plant_double_clicks()
        self._plant_attribution()
        self._plant_machine_clicks()

    def _plant_rejections(self) -> None:
        for prefix, add in (("v", self._view), ("c", self._click)):
            for minute, case in enumerate(REJECTION_CASES):
                ok = _REJ_TS.format(minute=minute)
                add(
                    case.event_id.format(p=prefix),
                    case.timestamp.format(ok=ok),
                    case.email,
                    case.creative_id,
                    campaign_id=case.campaign_id,
                    sort_key=at(ok),
                )

    def _plant_timestamp_forms(self) -> None:
        viewer, clicker = _case("tz.viewer"), _case("tz.clicker")
        view_forms = {
            "v_case_ts_space": "2026-03-11 08:00:00",
            "v_case_ts_t": "2026-03-11T08:05:00",
            "v_case_ts_frac3": "2026-03-11 08:10:00.250",
            "v_case_ts_frac6": "2026-03-11T08:15:00.123456",
            "v_case_ts_frac1": "2026-03-11 08:17:00.5",
            "v_case_ts_z": "2026-03-11T08:20:00Z",
            "v_case_ts_frac_z": "2026-03-11T08:25:00.75Z",
            "v_case_ts_plus": "2026-03-11 10:30:00+02:00",
            "v_case_ts_minus": "2026-03-11T03:35:00-05:00",
            "v_case_ts_half_hour": "2026-03-11T14:10:00+05:30",
            "v_case_ts_frac_offset": "2026-03-11 09:45:00.5+01:00",
            "v_case_tz_plus_midnight": "2026-03-10T01:30:00+02:00",
            "v_case_tz_minus_midnight": "2026-03-10 22:30:00-05:00",
            "v_case_tz_week": "2026-03-09T00:15:00+01:00",
            "v_case_tz_month": "2026-04-01 00:30:00+02:00",
        }
        for event_id, ts in view_forms.items():
            self._view(event_id, ts, viewer, "cr_ad_1_b")
        self._view(
            "v_case_tz_clicker_view", "2026-03-09 08:00:00", clicker, "cr_ad_1_c"
        )
        click_forms = {
            "c_case_ts_space": "2026-03-09 09:00:00",
            "c_case_ts_t": "2026-03-09T09:01:00",
            "c_case_ts_frac3": "2026-03-09 09:02:00.250",
            "c_case_ts_frac6": "2026-03-09T09:03:00.123456",
            "c_case_ts_z": "2026-03-09T09:04:00Z",
            "c_case_ts_plus": "2026-03-09 11:05:00+02:00",
            "c_case_ts_minus": "2026-03-09T04:06:00-05:00",
            "c_case_ts_half_hour": "2026-03-09T14:37:00+05:30",
            "c_case_tz_plus_midnight": "2026-03-10T01:30:00+02:00",
            "c_case_tz_minus_midnight": "2026-03-10 22:30:00-05:00",
        }
        for event_id, ts in click_forms.items():
            self._click(event_id, ts, clicker, "cr_ad_1_c")
        orphan, qualifies = _case("tz.orphan"), _case("tz.qualifies")
        self._view("v_case_tz_orphan_view", "2026-03-12T10:00:00Z", orphan, "cr_ad_2_a")
        self._click(
            "c_case_tz_orphan", "2026-03-12T11:00:30+02:00", orphan, "cr_ad_2_a"
        )
        self._view(
            "v_case_tz_qualifies_view",
            "2026-03-13 10:00:00+02:00",
            qualifies,
            "cr_ad_2_a",
        )
        self._click(
            "c_case_tz_qualifies", "2026-03-13 09:00:00Z", qualifies, "cr_ad_2_a"
        )

    def _plant_emails_and_ids(self) -> None:
        ivy = "cr_ad_3_a"
        self._view(
            "v_case_email_mixed_case",
            "2026-03-15 09:00:00",
            "Ivy.Stone@BrightPath.IO",
            ivy,
        )
        self._view(
            "v_case_email_spaces",
            "2026-03-15 12:00:00",
            "  ivy.stone@brightpath.io  ",
            ivy,
        )
        self._view(
            "v_case_email_tabs",
            "2026-03-16 09:00:00",
            "\tIVY.STONE@brightpath.io\t",
            ivy,
        )
        self._click(
            "c_case_email_mixed", "2026-03-16 09:10:00", " Ivy.Stone@brightpath.IO", ivy
        )
        self._view(
            "v_case_email_two_at",
            "2026-03-15 10:30:00",
            "ops@team@northwind.io",
            "cr_ad_3_b",
        )
        trim = _case("trim.ids")
        self._view(
            "v_case_trim_ids",
            "2026-03-15 11:00:00",
            trim,
            "\tcr_ad_2_b",
            campaign_id=" cmp_ad_2 ",
        )
        self._click(
            "c_case_trim_ids",
            "2026-03-15 11:05:00",
            trim,
            " cr_ad_2_b ",
            campaign_id="cmp_ad_2\t",
        )

    def _plant_duplicates(self) -> None:
        creative = "cr_link_2_a"
        one, two, three, four = (_case(f"dup.view{i}") for i in range(1, 5))
        thrice = at("2026-03-25 10:00:05")
        for _ in range(2):
            self._view("v_case_dup_twice", "2026-03-25 10:00:00", one, creative)
        for ts in (
            "2026-03-25 10:00:05",
            "2026-03-25T10:00:00Z",
            "2026-03-25 11:59:58+02:00",
        ):
            # File order as written: the earliest copy is the last row.
            self._view("v_case_dup_thrice", ts, two, creative, sort_key=thrice)
        for ts in ("2026-03-26 23:59:50", "2026-03-27 00:00:10"):
            self._view("v_case_dup_cross_day", ts, three, creative)
        self._view("v_case_dup_with_rejected", "2026-03-26 10:00:00", four, creative)
        self._view(
            "v_case_dup_with_rejected",
            "2026-03-26 10:00:00+0200",
            four,
            creative,
            sort_key=at("2026-03-26 10:00:00"),
        )
        clicker, cross, machine = (_case(f"dup.click{i}") for i in range(1, 4))
        thrice = at("2026-03-27 09:20:10")
        self._view("v_case_dup_click_view", "2026-03-27 09:00:00", clicker, creative)
        for _ in range(2):
            self._click("c_case_dup_twice", "2026-03-27 09:10:00", clicker, creative)
        for ts in (
            "2026-03-27 09:20:10",
            "2026-03-27T09:20:00Z",
            "2026-03-27 10:20:05+01:00",
        ):
            self._click("c_case_dup_thrice", ts, clicker, creative, sort_key=thrice)
        self._view("v_case_dup_cross_day_view", "2026-03-27 23:00:00", cross, creative)
        for ts in ("2026-03-27 23:59:55", "2026-03-28 00:00:05"):
            self._click("c_case_dup_cross_day", ts, cross, creative)
        self._view("v_case_dup_machine_view", "2026-03-28 08:00:00", machine, creative)
        key = at("2026-03-28 08:00:00.4")
        # The later copy comes first in the file: the earliest must still win.
        self._click(
            "c_case_dup_machine", "2026-03-28 08:00:05", machine, creative, sort_key=key
        )
        self._click(
            "c_case_dup_machine",
            "2026-03-28 08:00:00.4",
            machine,
            creative,
            sort_key=key,
        )

    def _plant_invalid_traffic(self) -> None:
        creative = "cr_email_3_a"
        bot_target, clicker = _case("bot.target"), _case("bot.clicker")
        start = at("2026-03-29 10:00:00")
        self._view("v_case_bot_clicker_view", render_ts(start), clicker, creative)
        for step, (key, ua) in enumerate(BOT_USER_AGENTS.items(), start=1):
            moment = render_ts(start + timedelta(minutes=step))
            self._view(f"v_case_bot_{key}", moment, bot_target, creative, user_agent=ua)
            self._click(f"c_case_bot_{key}", moment, clicker, creative, user_agent=ua)
        empty = _case("empty.ua")
        self._view(
            "v_case_ua_empty", "2026-03-29 12:00:00", empty, creative, user_agent=""
        )
        self._click(
            "c_case_ua_empty", "2026-03-29 13:00:00", empty, creative, user_agent=""
        )
        after = _case("dbl.after.bot")
        self._view(
            "v_case_after_bot_click_view", "2026-03-29 14:00:00", after, creative
        )
        self._click(
            "c_case_after_bot_click_1",
            "2026-03-29 14:05:00",
            after,
            creative,
            user_agent=BOT_USER_AGENTS["googlebot"],
        )
        self._click("c_case_after_bot_click_2", "2026-03-29 14:05:10", after, creative)
        bot_view = _case("orphan.botview")
        self._view(
            "v_case_orphan_bot_view",
            "2026-03-29 15:00:00",
            bot_view,
            creative,
            user_agent=BOT_USER_AGENTS["headless"],
        )
        self._click("c_case_orphan_bot_view", "2026-03-29 15:02:00", bot_view, creative)

    def _plant_double_clicks(self) -> None:
        a, b = "cr_link_1_a", "cr_link_1_b"
        pairs = {
            "triple": ("2026-03-17 14:00:00", ["14:05:00", "14:05:20", "14:05:40"]),
            "29s": ("2026-03-18 09:00:00", ["09:02:00", "09:02:29"]),
            "30s": ("2026-03-18 11:00:00", ["11:02:00", "11:02:30"]),
            "29_999s": ("2026-03-18 13:00:00", ["13:02:00", "13:02:29.999"]),
        }
        for key, (view_ts, times) in pairs.items():
            person = _case(f"dbl.{key.replace('_', '.')}")
            self._view(f"v_case_dbl_{key}_view", view_ts, person, a)
            day = view_ts[:10]
            for number, clock in enumerate(times, start=1):
                self._click(f"c_case_dbl_{key}_{number}", f"{day} {clock}", person, a)
        tz = _case("dbl.tz")
        self._view("v_case_dbl_tz_view", "2026-03-19 08:00:00", tz, a)
        self._click("c_case_dbl_tz_1", "2026-03-19T10:00:00+01:00", tz, a)
        self._click("c_case_dbl_tz_2", "2026-03-19 09:00:20", tz, a)
        two = _case("dbl.two.creatives")
        self._view("v_case_dbl_other_creative_view_a", "2026-03-19 10:00:00", two, a)
        self._view("v_case_dbl_other_creative_view_b", "2026-03-19 10:00:30", two, b)
        self._click("c_case_dbl_other_creative_a", "2026-03-19 10:05:00", two, a)
        self._click("c_case_dbl_other_creative_b", "2026-03-19 10:05:10", two, b)

    def _plant_attribution(self) -> None:
        a, b = "cr_email_1_a", "cr_email_1_b"
        p = _case
        self._view(
            "v_case_orphan_other_creative_view",
            "2026-03-20 08:00:00",
            p("orphan.other.creative"),
            b,
        )
        self._click(
            "c_case_orphan_no_view",
            "2026-03-20 08:10:00",
            p("orphan.other.creative"),
            a,
        )
        self._click(
            "c_case_orphan_view_after", "2026-03-20 10:00:00", p("orphan.view.after"), a
        )
        self._view(
            "v_case_orphan_view_after", "2026-03-20 11:00:00", p("orphan.view.after"), a
        )
        self._view(
            "v_case_orphan_7d_1s_view", "2026-03-21 09:00:00", p("orphan.7d1s"), a
        )
        self._click("c_case_orphan_7d_1s", "2026-03-28 09:00:01", p("orphan.7d1s"), a)
        self._view("v_case_attr_7d_view", "2026-03-21 10:00:00", p("attr.7d"), a)
        self._click("c_case_attr_7d_exact", "2026-03-28 10:00:00", p("attr.7d"), a)
        self._view(
            "v_case_orphan_7d_half_view", "2026-03-21 11:00:00", p("orphan.7d.half"), a
        )
        self._click(
            "c_case_orphan_7d_half", "2026-03-28 11:00:00.5", p("orphan.7d.half"), a
        )
        self._view(
            "v_case_orphan_rejected_view",
            "2026-03-22 25:00:00",
            p("orphan.badview"),
            a,
            sort_key=at("2026-03-22 11:00:00"),
        )
        self._click(
            "c_case_orphan_rejected_view", "2026-03-22 12:00:00", p("orphan.badview"), a
        )
        self._view("v_case_attr_latest_1", "2026-03-14 10:00:00", p("attr.latest"), a)
        self._view("v_case_attr_latest_2", "2026-03-16 10:00:00", p("attr.latest"), a)
        self._click("c_case_attr_latest", "2026-03-17 09:00:00", p("attr.latest"), a)
        self._view("v_case_attr_month_view", "2026-03-31 23:00:00", p("attr.month"), a)
        self._click("c_case_attr_month", "2026-04-01 00:30:00", p("attr.month"), a)

    def _plant_machine_clicks(self) -> None:
        a = "cr_email_2_a"
        cases = {
            "machine.0s": (
                "v_case_machine_0s_view",
                "2026-03-24 08:00:00",
                "c_case_machine_0s",
                "2026-03-24 08:00:00",
            ),
            "machine.half": (
                "v_case_machine_0_5s_view",
                "2026-03-24 08:10:00",
                "c_case_machine_0_5s",
                "2026-03-24 08:10:00.5",
            ),
            "machine.999": (
                "v_case_machine_0_999999s_view",
                "2026-03-24 08:15:00",
                "c_case_machine_0_999999s",
                "2026-03-24 08:15:00.999999",
            ),
            "human.1s": (
                "v_case_human_1s_view",
                "2026-03-24 08:20:00",
                "c_case_human_1s",
                "2026-03-24 08:20:01",
            ),
            "human.1s.frac": (
                "v_case_human_1s_frac_view",
                "2026-03-24 08:40:00.250",
                "c_case_human_1s_frac",
                "2026-03-24T08:40:01.25Z",
            ),
        }
        for local, (view_id, view_ts, click_id, click_ts) in cases.items():
            self._view(view_id, view_ts, _case(local), a)
            self._click(click_id, click_ts, _case(local), a)
        latest = _case("machine.latest")
        self._view("v_case_machine_latest_1", "2026-03-24 06:00:00", latest, a)
        self._view("v_case_machine_latest_2", "2026-03-24 08:30:00", latest, a)
        self._click("c_case_machine_latest", "2026-03-24 08:30:00.3", latest, a)

    # -- the broken day ----------------------------------------------------

    def plant_broken_day(self) -> None:
        """Break tracking on ``BROKEN_DAY`` (see the module docstring)."""
        self._view_tracking_outage()
        self._bot_storm()
        self._orphan_click_spike()
        self._scanned_mail_gateway()

    def _view_tracking_outage(self) -> None:
        """Drop about 95 % of the random campaigns' views of the broken day."""
        start = datetime.combine(BROKEN_DAY, time(), tzinfo=UTC)
        end = start + timedelta(days=1)
        candidates = dict.fromkeys(
            view.event_id
            for view in self.views
            if RANDOM_EVENT_ID.fullmatch(view.event_id)
            and start <= view.sort_key < end
            and view.campaign_id != WORKED_EXAMPLE_CAMPAIGN_ID
            and view.email.strip(" \t").lower() not in self.forced_people
        )
        lost = {i for i in candidates if self.rng.random() >= OUTAGE_KEEP_SHARE}
        self.views = [view for view in self.views if view.event_id not in lost]

    def _broken_day_instant(self) -> datetime:
        """A whole-second instant between 00:00 and 23:00 of the broken day."""
        start = datetime.combine(BROKEN_DAY, time(), tzinfo=UTC)
        return _random_instant(self.rng, start, start + timedelta(hours=23))

    def _broken_event(
        self,
        table: list[Event],
        event_id: str,
        instant: datetime,
        email: str,
        creative: str,
        user_agent: str,
    ) -> None:
        """Add a readable-id row at ``instant`` in a random form."""
        fmt, _ = self._random_format()
        self._add(
            table,
            event_id,
            render_ts(instant, fmt),
            self._messy_email(email),
            creative,
            user_agent=user_agent,
            sort_key=instant,
        )

    def _bot_storm(self) -> None:
        """Bot views of random people and creatives, some with a bot click."""
        rng = self.rng
        creatives = [
            c.creative_id
            for c in CREATIVES
            if c.campaign_id != WORKED_EXAMPLE_CAMPAIGN_ID
        ]
        agents = list(BOT_USER_AGENTS.values())
        for number in range(1, BROKEN_DAY_BOT_VIEWS + 1):
            instant = self._broken_day_instant()
            person, creative = rng.choice(self.people), rng.choice(creatives)
            agent = agents[number % len(agents)]
            self._broken_event(
                self.views,
                f"v_broken_bot_{number:03d}",
                instant,
                person,
                creative,
                agent,
            )
            if number <= BROKEN_DAY_BOT_CLICKS:
                later = instant + timedelta(seconds=rng.randint(0, 120))
                self._broken_event(
                    self.clicks,
                    f"c_broken_bot_{number:03d}",
                    later,
                    person,
                    creative,
                    agent,
                )

    def _orphan_click_spike(self) -> None:
        """Human clicks by fresh people who never viewed anything."""
        rng = self.rng
        domains = [
            a.domain
            for a in self.accounts
            if a.account_id.startswith("acc_0") and a.domain is not None
        ]
        creatives = [
            c.creative_id
            for c in CREATIVES
            if c.campaign_id != WORKED_EXAMPLE_CAMPAIGN_ID
        ]
        for number in range(1, BROKEN_DAY_ORPHAN_CLICKS + 1):
            person = self._new_email(rng.choice(domains))
            self._broken_event(
                self.clicks,
                f"c_broken_orphan_{number:03d}",
                self._broken_day_instant(),
                person,
                rng.choice(creatives),
                self._human_ua(),
            )

    def _scanned_mail_gateway(self) -> None:
        """Unmapped people's views, most followed by a scanner's machine click."""
        creative = BROKEN_DAY_GATEWAY_CREATIVE
        for number in range(1, BROKEN_DAY_GATEWAY_VIEWERS + 1):
            person = self._new_email(BROKEN_DAY_GATEWAY_DOMAIN)
            instant = self._broken_day_instant()
            self._broken_event(
                self.views,
                f"v_broken_gateway_{number:03d}",
                instant,
                person,
                creative,
                self._human_ua(),
            )
            if number <= BROKEN_DAY_MACHINE_CLICKS:
                delay = timedelta(milliseconds=self.rng.randint(100, 900))
                self._broken_event(
                    self.clicks,
                    f"c_broken_machine_{number:03d}",
                    instant + delay,
                    person,
                    creative,
                    SCANNER_LOOKALIKE_UA,
                )

    # -- output --------------------------------------------------------------

    def build(self) -> dict[str, list[list[str]]]:
        """Run every step and return the rows of the six tables."""
        self.build_accounts()
        self.build_contacts()
        self.build_people()
        self.build_worked_example()
        self.simulate_activity()
        self.plant_cases()
        self.plant_broken_day()
        return {
            "raw_views": _ordered_rows(self.views),
            "raw_clicks": _ordered_rows(self.clicks),
            "raw_contacts": [c.row() for c in self.contacts],
            "raw_accounts": [a.row() for a in self.accounts],
            "raw_campaigns": [c.row() for c in CAMPAIGNS],
            "raw_creatives": [c.row() for c in CREATIVES],
        }


def _ordered_rows(events: list[Event]) -> list[list[str]]:
    """Rows in arrival order: by instant, ties in insertion order."""
    ordered = sorted(enumerate(events), key=lambda pair: (pair[1].sort_key, pair[0]))
    return [event.row() for _, event in ordered]


def generate(seed: int = DEFAULT_SEED) -> dict[str, list[list[str]]]:
    """Return the rows (without header) of the six raw tables for ``seed``."""
    return SampleBuilder(seed).build()


def write_seeds(tables: dict[str, list[list[str]]], out_dir: Path) -> None:
    """Write each table as ``<out_dir>/<name>.csv`` with its header row."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, columns in COLUMNS.items():
        with (out_dir / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(tables[name])


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=Path("seeds"))
    args = parser.parse_args(argv)
    tables = generate(args.seed)
    write_seeds(tables, args.out)
    counts = " ".join(f"{name}={len(tables[name])}" for name in COLUMNS)
    print(f"wrote {args.out}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
