-- The CTR contract (shared/spec/ctr_contract.md), hand-written for DuckDB.
--
-- The performance baseline of the dbt project: one script, tuned by hand,
-- that reads the six raw inputs as Parquet and builds the public marts
-- campaign_ctr, creative_ctr, account_ctr, segment_ctr, dim_accounts and
-- rejected_events (section 4 columns; the section 5 significance columns
-- and tracking_health are left out).
--
-- Parameters, set by the caller before the script runs (see
-- ctr_tools/handwritten.py, which also sets memory_limit, temp_directory
-- and preserve_insertion_order = false):
--     set variable raw_dir = '/path/to/dir/with/raw_*.parquet';
--
-- Project decisions where the contract is silent are marked "Decision".
-- Speed-ups a careful engineer would make by hand are marked "Tuning".

-- --------------------------------------------------------------------------
-- Rules' parameters (dbt vars in the project) and value cleaning
-- --------------------------------------------------------------------------

create or replace temp macro double_click_us() as 30 * 1000000;
create or replace temp macro attribution_window() as interval 7 day;
create or replace temp macro min_view_to_click_us() as 1 * 1000000;
create or replace temp macro wilson_z() as 1.959964;
-- Rule 1's reasons, in the order they apply.
create or replace temp macro rejection_reasons() as [
    'missing_id',
    'invalid_timestamp',
    'invalid_email',
    'unknown_campaign',
    'unknown_creative'
];
create or replace temp macro free_email_domains() as [
    'gmail.com', 'googlemail.com', 'yahoo.com', 'hotmail.com', 'outlook.com',
    'live.com', 'icloud.com', 'aol.com', 'proton.me', 'protonmail.com',
    'gmx.com'
];

-- Decision: trimming removes surrounding spaces and tabs only; empty is null.
-- Tuning: trim() with a character set is slow, so only values that start or
-- end with a space or tab are trimmed.
create or replace temp macro clean(value) as nullif(
    case
        when value[1] in (' ', chr(9)) or value[-1] in (' ', chr(9))
            then trim(value, ' ' || chr(9))
        else value
    end,
    ''
);

-- Section 1 timestamps. Decision: the trimmed text must match the shape
-- below and be a real calendar date (year 0001 or later); fractional seconds
-- are truncated to microseconds; an offset is converted to UTC. Tuning: once
-- the shape is checked, DuckDB's timestamptz cast does the rest (it rejects
-- impossible dates, truncates fractions and applies offsets; text without an
-- offset is read in the session time zone, set to UTC below).
set TimeZone = 'UTC';

create or replace temp macro utc_timestamp(t) as
    case
        when
            regexp_full_match(
                t,
                '[0-9]{4}-[0-9]{2}-[0-9]{2}[ T]([01][0-9]|2[0-3]):[0-5][0-9]'
                || ':[0-5][0-9](\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?'
            )
            and left(t, 4) != '0000'
            then cast(try_cast(t as timestamptz) as timestamp)
    end;

-- Booleans: true, yes or 1 in any case; everything else false.
create or replace temp macro parse_flag(value) as
    coalesce(lower(clean(value)) in ('true', 'yes', '1'), false);

-- Rule 9: a website's domain.
create or replace temp macro website_domain(website) as nullif(
    regexp_replace(
        regexp_extract(
            lower(clean(website)), '^(?:https?://)?(?:www\.)?([^/?#:]*)', 1
        ),
        '\.$',
        ''
    ),
    ''
);

-- Rule 10.
create or replace temp macro company_size_band(employee_count) as
    case
        when employee_count is null then 'unknown'
        when employee_count <= 50 then '1-50'
        when employee_count <= 200 then '51-200'
        when employee_count <= 1000 then '201-1000'
        when employee_count <= 5000 then '1001-5000'
        else '5001+'
    end;

-- 95 % Wilson score interval; exactly 0 / 1 at x = 0 / x = n.
create or replace temp macro wilson_lower(x, n) as
    case
        when n = 0 then null
        when x = 0 then 0.0
        else (
            x / n + wilson_z() ^ 2 / (2 * n)
            - wilson_z() * sqrt(
                (x / n) * (1 - x / n) / n + wilson_z() ^ 2 / (4 * n * n)
            )
        ) / (1 + wilson_z() ^ 2 / n)
    end;

create or replace temp macro wilson_upper(x, n) as
    case
        when n = 0 then null
        when x = n then 1.0
        else (
            x / n + wilson_z() ^ 2 / (2 * n)
            + wilson_z() * sqrt(
                (x / n) * (1 - x / n) / n + wilson_z() ^ 2 / (4 * n * n)
            )
        ) / (1 + wilson_z() ^ 2 / n)
    end;

create or replace temp macro ratio(x, n) as
    case when n > 0 then cast(x as double) / n end;

-- --------------------------------------------------------------------------
-- Campaigns and creatives (deduplicated per trimmed id)
-- --------------------------------------------------------------------------

-- Decision: when an id repeats after trimming, keep the record whose cleaned
-- columns sort first (nulls first).
create or replace temp table campaigns as
with cleaned as (
    select
        clean(campaign_id) as campaign_id,
        clean(campaign_name) as campaign_name,
        coalesce(lower(clean(channel)), 'unknown') as channel,
        clean(audience) as audience,
        clean(funnel_stage) as funnel_stage
    from read_parquet(getvariable('raw_dir') || '/raw_campaigns.parquet')
),
deduplicated as (
    select * from cleaned
    where campaign_id is not null
    qualify row_number() over (
        partition by campaign_id
        order by
            campaign_name nulls first,
            channel nulls first,
            audience nulls first,
            funnel_stage nulls first
    ) = 1
)
select
    cast(row_number() over (order by campaign_id) as integer) as campaign_key,
    *
from deduplicated;

-- Only creatives of a known campaign can make an event valid (rule 1).
create or replace temp table creatives as
with cleaned as (
    select
        clean(creative_id) as creative_id,
        clean(campaign_id) as campaign_id,
        clean(creative_name) as creative_name,
        clean(offer) as offer,
        parse_flag(is_control) as is_control
    from read_parquet(getvariable('raw_dir') || '/raw_creatives.parquet')
),
deduplicated as (
    select * from cleaned
    where creative_id is not null
    qualify row_number() over (
        partition by creative_id
        order by
            campaign_id nulls first,
            creative_name nulls first,
            offer nulls first,
            is_control nulls first
    ) = 1
)
select
    cast(row_number() over (order by d.creative_id) as integer) as creative_key,
    c.campaign_key,
    d.*
from deduplicated as d
inner join campaigns as c on d.campaign_id = c.campaign_id;

-- --------------------------------------------------------------------------
-- Rule 1 (rejection), rule 2 (normalisation), rule 4 flag, per raw row
-- --------------------------------------------------------------------------

-- One macro for views and clicks: the raw columns are read by position.
-- Tuning: the staged row is narrow. People are keyed by a 64-bit hash of the
-- normalised email (checked for collisions below; the email itself is
-- dropped once people are resolved), creatives by a small integer; the raw
-- text of rejected rows is read again when needed.
create or replace temp macro staged_events(path) as table
with source as (
    select
        file_row_number + 1 as source_row_number,
        raw_event_id,
        raw_event_at,
        raw_email,
        raw_campaign_id,
        raw_creative_id,
        raw_user_agent
    from read_parquet(path, file_row_number = true)
        as r (
            raw_event_id,
            raw_event_at,
            raw_email,
            raw_campaign_id,
            raw_creative_id,
            raw_user_agent
        )
),
cleaned as (
    select
        *,
        clean(raw_event_id) as event_id,
        clean(raw_event_at) as event_at_text,
        clean(raw_email) as email,
        clean(raw_campaign_id) as campaign_id,
        clean(raw_creative_id) as creative_id
    from source
),
-- Tuning: cleaned text is a column before it is parsed: a macro argument
-- is repeated wherever the macro uses it.
timestamp_parsed as (
    select *, utc_timestamp(event_at_text) as event_at
    from cleaned
),
checked as (
    select
        cleaned.*,
        lower(cleaned.email) as person,
        creatives.creative_key,
        -- Rule 1's first reason, as its position in rejection_reasons().
        case
            when cleaned.event_id is null then 1
            when cleaned.event_at is null then 2
            when
                cleaned.email is null
                or cleaned.email[1] = '@'
                or cleaned.email[-1] = '@'
                or not contains(cleaned.email, '@')
                then 3
            when campaigns.campaign_key is null then 4
            when creatives.creative_key is null then 5
        end as rejection
    from timestamp_parsed as cleaned
    left join campaigns on cleaned.campaign_id = campaigns.campaign_id
    left join creatives
        on
            cleaned.creative_id = creatives.creative_id
            and cleaned.campaign_id = creatives.campaign_id
)
select
    source_row_number,
    cast(rejection as utinyint) as rejection,
    case when rejection is null then event_id end as event_id,
    case when rejection is null then event_at end as event_at,
    case when rejection is null then person end as person,
    case when rejection is null then hash(person) end as person_key,
    case when rejection is null then creative_key end as creative_key,
    -- Rule 4: invalid traffic (an empty user agent is human).
    coalesce(
        contains(lower(raw_user_agent), 'bot')
        or contains(lower(raw_user_agent), 'crawl')
        or contains(lower(raw_user_agent), 'spider')
        or contains(lower(raw_user_agent), 'headless')
        or contains(lower(raw_user_agent), 'scanner'),
        false
    ) as is_invalid_traffic
from checked;

create or replace temp table staged_views as
select * from staged_events(getvariable('raw_dir') || '/raw_views.parquet');

create or replace temp table staged_clicks as
select * from staged_events(getvariable('raw_dir') || '/raw_clicks.parquet');

-- The raw rows, by position, as they arrived.
create or replace temp macro raw_events(path) as table
select file_row_number + 1 as source_row_number, *
from read_parquet(path, file_row_number = true)
    as r (
        raw_event_id,
        raw_event_at,
        raw_email,
        raw_campaign_id,
        raw_creative_id,
        raw_user_agent
    );

create or replace table rejected_events as
with rejected as (
    select
        'view' as event_type,
        source_row_number,
        rejection_reasons()[rejection] as rejection_reason
    from staged_views
    where rejection is not null
    union all
    select
        'click' as event_type,
        source_row_number,
        rejection_reasons()[rejection] as rejection_reason
    from staged_clicks
    where rejection is not null
),
raw_rows as (
    select 'view' as event_type, *
    from raw_events(getvariable('raw_dir') || '/raw_views.parquet')
    union all
    select 'click' as event_type, *
    from raw_events(getvariable('raw_dir') || '/raw_clicks.parquet')
)
select
    rejected.event_type,
    rejected.source_row_number,
    rejected.rejection_reason,
    raw_rows.raw_event_id,
    raw_rows.raw_event_at,
    raw_rows.raw_email,
    raw_rows.raw_campaign_id,
    raw_rows.raw_creative_id,
    raw_rows.raw_user_agent
from rejected
inner join raw_rows
    on
        rejected.event_type = raw_rows.event_type
        and rejected.source_row_number = raw_rows.source_row_number
order by rejected.event_type, rejected.source_row_number;

-- --------------------------------------------------------------------------
-- Rule 3 (duplicates) and rule 4 (invalid traffic)
-- --------------------------------------------------------------------------

-- Rule 3: of valid rows sharing an id, the earliest timestamp is kept; the
-- others are duplicate copies. Copies tied at that instant are "identical
-- in effect" by the contract; as in the dbt project, the one first in text
-- order of (user agent, empty first; email; campaign id; creative id) is
-- kept, then the first in the file. Tuning: only tied copies need their
-- user agent, read again from the raw rows.
create or replace temp macro duplicate_copies(staged_table, raw_path) as table
with timed as (
    select
        source_row_number,
        event_id,
        rank() over (partition by event_id order by event_at) as time_rank,
        count(*) over (
            partition by event_id
            order by event_at
            range between current row and current row
        ) as copies_at_instant
    from query_table(staged_table)
    where rejection is null
),
tied as (
    select
        t.source_row_number,
        t.event_id,
        clean(r.raw_user_agent) as user_agent,
        s.person,
        cr.campaign_id,
        cr.creative_id
    from timed as t
    inner join query_table(staged_table) as s
        on t.source_row_number = s.source_row_number
    inner join raw_events(raw_path) as r
        on t.source_row_number = r.source_row_number
    inner join creatives as cr on s.creative_key = cr.creative_key
    where t.time_rank = 1 and t.copies_at_instant > 1
)
select source_row_number from timed where time_rank > 1
union all
select source_row_number
from tied
qualify
    row_number() over (
        partition by event_id
        order by
            user_agent nulls first,
            person,
            campaign_id,
            creative_id,
            source_row_number
    ) > 1;

create or replace temp table view_duplicate_copies as
select *
from duplicate_copies(
    'staged_views', getvariable('raw_dir') || '/raw_views.parquet'
);

create or replace temp table click_duplicate_copies as
select *
from duplicate_copies(
    'staged_clicks', getvariable('raw_dir') || '/raw_clicks.parquet'
);

-- Tuning: a view, not a table: it is read twice, cheaply, and keeping it
-- would double the memory of the largest table.
create or replace temp view counted_views as
select
    v.event_id as view_id,
    v.event_at as viewed_at,
    v.person_key,
    v.creative_key
from staged_views as v
anti join view_duplicate_copies as d
    on v.source_row_number = d.source_row_number
where v.rejection is null and not v.is_invalid_traffic;

create or replace temp table human_clicks as
select
    c.source_row_number as click_row,
    c.event_id as click_id,
    c.event_at as clicked_at,
    c.person_key,
    c.creative_key
from staged_clicks as c
anti join click_duplicate_copies as d
    on c.source_row_number = d.source_row_number
where c.rejection is null and not c.is_invalid_traffic;

-- --------------------------------------------------------------------------
-- Rules 5-7: double clicks, attribution, machine clicks
-- --------------------------------------------------------------------------

create or replace temp table qualifying_clicks as
with sequenced as (
    select
        *,
        lag(clicked_at) over (
            partition by person_key, creative_key
            order by clicked_at, click_id
        ) as previous_clicked_at
    from human_clicks
),
single_clicks as (
    select * from sequenced
    where
        previous_clicked_at is null
        or epoch_us(clicked_at) - epoch_us(previous_clicked_at)
        >= double_click_us()
),
-- Tuning: only views of a (person, creative) that clicked can be attributed.
candidate_views as (
    select v.*
    from counted_views as v
    semi join single_clicks as c
        on v.person_key = c.person_key and v.creative_key = c.creative_key
),
attributed as (
    select
        c.click_row,
        c.clicked_at,
        v.viewed_at,
        v.person_key,
        v.creative_key
    from single_clicks as c
    inner join candidate_views as v
        on
            c.person_key = v.person_key
            and c.creative_key = v.creative_key
            and v.viewed_at <= c.clicked_at
            and v.viewed_at >= c.clicked_at - attribution_window()
    -- The latest view at or before the click; Decision: ties go to the
    -- smallest view_id.
    qualify row_number() over (
        partition by c.click_row order by v.viewed_at desc, v.view_id
    ) = 1
)
select cast(viewed_at as date) as view_day, person_key, creative_key
from attributed
where epoch_us(clicked_at) - epoch_us(viewed_at) >= min_view_to_click_us();

-- --------------------------------------------------------------------------
-- Rules 8-10: accounts and people
-- --------------------------------------------------------------------------

create or replace temp table account_records as
with cleaned as (
    select
        clean(account_id) as account_id,
        clean(account_name) as account_name,
        clean(website) as website,
        clean(industry) as industry,
        clean(employee_count) as employee_count,
        is_target,
        clean(updated_at) as updated_at
    from read_parquet(getvariable('raw_dir') || '/raw_accounts.parquet')
)
select
    account_id,
    account_name,
    website,
    website_domain(website) as domain,
    coalesce(industry, 'unknown') as industry,
    -- A whole number of at least 1, digits only; else unknown.
    case
        when
            regexp_full_match(employee_count, '[0-9]+')
            and try_cast(employee_count as bigint) >= 1
            then try_cast(employee_count as bigint)
    end as employee_count,
    parse_flag(is_target) as is_target,
    utc_timestamp(updated_at) as updated_at
from cleaned
where account_id is not null;

-- Decision: one account_id repeated keeps its most recently updated record
-- (invalid updated_at oldest; ties: cleaned columns sorting first).
create or replace temp table accounts as
select
    *
from account_records
qualify row_number() over (
    partition by account_id
    order by
        updated_at desc nulls last,
        website nulls first,
        account_name nulls first,
        industry nulls first,
        employee_count nulls first,
        is_target nulls first
) = 1;

-- Rule 9: one company per non-empty domain; canonical = most recently
-- updated, ties smallest account_id. No domain: a company on its own.
create or replace temp table canonical_of as
with domain_canonical as (
    select domain, account_id as canonical_account_id
    from accounts
    where domain is not null
    qualify row_number() over (
        partition by domain order by updated_at desc nulls last, account_id
    ) = 1
)
select
    a.account_id,
    a.domain,
    coalesce(d.canonical_account_id, a.account_id) as canonical_account_id
from accounts as a
left join domain_canonical as d on a.domain = d.domain;

create or replace table dim_accounts as
with record_counts as (
    select c.canonical_account_id, count(*) as source_record_count
    from account_records as r
    inner join canonical_of as c on r.account_id = c.account_id
    group by 1
)
select
    a.account_id,
    a.account_name,
    a.domain,
    a.industry,
    a.employee_count,
    company_size_band(a.employee_count) as company_size_band,
    a.is_target as is_target_account,
    cast(rc.source_record_count as bigint) as source_record_count
from accounts as a
inner join record_counts as rc on a.account_id = rc.canonical_account_id
order by a.account_id;

-- Segment values get small integer keys: the event-level table below
-- carries keys, not text.
create or replace temp table segment_values as
with values_in_use as (
    select 'all' as dimension, 'all' as dimension_value
    union all
    select distinct 'channel', channel from campaigns
    union all
    select distinct 'audience', coalesce(audience, 'unknown') from campaigns
    union all
    select distinct 'funnel_stage', coalesce(funnel_stage, 'unknown')
    from campaigns
    union all
    select distinct 'industry', industry from dim_accounts
    union all
    select distinct 'company_size_band', company_size_band from dim_accounts
    union all
    select 'industry', 'unknown'
    union all
    select 'company_size_band', 'unknown'
)
select
    cast(row_number() over (order by dimension, dimension_value) as integer)
        as value_key,
    dimension,
    dimension_value
from (select distinct * from values_in_use);

create or replace temp macro value_key(dimension_name, value) as (
    select v.value_key from segment_values as v
    where v.dimension = dimension_name and v.dimension_value = value
);

-- Canonical accounts get a small integer key, and their segment keys.
create or replace temp table account_keys as
select
    cast(row_number() over (order by a.account_id) as integer) as account_key,
    a.account_id,
    i.value_key as industry_key,
    b.value_key as band_key
from dim_accounts as a
inner join segment_values as i
    on i.dimension = 'industry' and a.industry = i.dimension_value
inner join segment_values as b
    on
        b.dimension = 'company_size_band'
        and a.company_size_band = b.dimension_value;

create or replace temp table campaign_keys as
select
    c.campaign_key,
    ch.value_key as channel_key,
    au.value_key as audience_key,
    fs.value_key as funnel_key
from campaigns as c
inner join segment_values as ch
    on ch.dimension = 'channel' and c.channel = ch.dimension_value
inner join segment_values as au
    on
        au.dimension = 'audience'
        and coalesce(c.audience, 'unknown') = au.dimension_value
inner join segment_values as fs
    on
        fs.dimension = 'funnel_stage'
        and coalesce(c.funnel_stage, 'unknown') = fs.dimension_value;

-- Rule 8 needs each person's email. Decision: people are the emails of
-- valid views and clicks (a superset of the people with counted views,
-- harmless: marts only count counted views).
create or replace temp table people as
with emails as (
    select distinct person
    from (
        select person from staged_views
        union all
        select person from staged_clicks
    )
    where person is not null
),
contacts as (
    select
        lower(clean(email)) as email,
        clean(account_id) as account_id,
        clean(contact_id) as contact_id,
        clean(updated_at) as updated_at
    from read_parquet(getvariable('raw_dir') || '/raw_contacts.parquet')
),
latest_contacts as (
    select email, account_id
    from contacts
    where email is not null
    qualify row_number() over (
        partition by email
        order by utc_timestamp(updated_at) desc nulls last, contact_id nulls last
    ) = 1
),
domain_accounts as (
    select distinct domain, canonical_account_id
    from canonical_of
    where domain is not null
),
resolved as (
    select
        e.person,
        coalesce(
            contact_account.canonical_account_id,
            domain_account.canonical_account_id
        ) as account_id
    from emails as e
    left join latest_contacts as c on e.person = c.email
    left join canonical_of as contact_account
        on c.account_id = contact_account.account_id
    left join domain_accounts as domain_account
        on
            string_split(e.person, '@')[-1] = domain_account.domain
            and not list_contains(
                free_email_domains(), string_split(e.person, '@')[-1]
            )
    where e.person is not null
)
select
    hash(r.person) as person_key,
    k.account_key,
    coalesce(k.industry_key, value_key('industry', 'unknown')) as industry_key,
    coalesce(k.band_key, value_key('company_size_band', 'unknown')) as band_key
from resolved as r
left join account_keys as k on r.account_id = k.account_id;

-- Tuning check: the 64-bit person keys must not collide.
select
    case
        when count(*) != count(distinct person_key)
            then error('person_key hash collision: use dense keys')
    end as person_key_check
from people;

-- Tuning: the emails are no longer needed; the keys stand for them.
alter table staged_views drop column person;
alter table staged_clicks drop column person;

-- --------------------------------------------------------------------------
-- Section 3 measures
-- --------------------------------------------------------------------------

-- One row per counted view and one per qualifying click (on the day of the
-- view it is attributed to), with the keys of every slice and segment.
-- Tuning: no grouping here; the windows below count distinct entities.
create or replace temp table counted_events as
with events as (
    select
        cast(viewed_at as date) as view_day,
        creative_key,
        person_key,
        1 as views,
        0 as clicks
    from counted_views
    union all
    select view_day, creative_key, person_key, 0 as views, 1 as clicks
    from qualifying_clicks
)
select
    e.view_day,
    cr.campaign_key,
    e.creative_key,
    e.person_key,
    p.account_key,
    ck.channel_key,
    ck.audience_key,
    ck.funnel_key,
    p.industry_key,
    p.band_key,
    e.views,
    e.clicks
from events as e
inner join people as p on e.person_key = p.person_key
inner join creatives as cr on e.creative_key = cr.creative_key
inner join campaign_keys as ck on cr.campaign_key = ck.campaign_key;

drop view counted_views;
drop table staged_views;
drop table staged_clicks;

-- Every day maps to one period per grain. The all_time period's start is
-- the first day of each slice, so here it is a placeholder.
create or replace temp table period_days as
with days as (select distinct view_day from counted_events)
select
    view_day, 'day' as period_grain, view_day as period_start, 1 as grain_flag
from days
union all
select view_day, 'week', cast(date_trunc('week', view_day) as date), 2
from days
union all
select view_day, 'month', cast(date_trunc('month', view_day) as date), 4
from days
union all
select view_day, 'all_time', date '1970-01-01', 8 from days;

-- Distinct counts without one hash table per grain (Tuning). Within one
-- (entity, slice), rows ordered by day: a row is the entity's first in its
-- period when the entity's previous row in that slice lies before the
-- period's start. One window serves the four grains; clicks are flagged the
-- same way among the click rows. Per day, rows are counted by their flags:
-- 1 first in its day, 2 in its week, 4 in its month, 8 ever (all four are
-- set then), 16 a click row.
-- `entity` is person_key or account_key (unmapped people have none);
-- `attribute_1/2` are carried for segmenting (constant within an entity).
create or replace temp macro daily_firsts(entity, slice, attribute_1, attribute_2)
as table
with viewed as (
    select
        view_day,
        slice as slice_key,
        attribute_1 as first_attribute,
        attribute_2 as second_attribute,
        views,
        0 as clicks,
        0 as click_flag,
        lag(view_day) over (
            partition by entity, slice order by view_day
        ) as previous_day
    from counted_events
    where entity is not null and views > 0
),
clicked as (
    select
        view_day,
        slice as slice_key,
        attribute_1 as first_attribute,
        attribute_2 as second_attribute,
        0 as views,
        clicks,
        16 as click_flag,
        lag(view_day) over (
            partition by entity, slice order by view_day
        ) as previous_day
    from counted_events
    where entity is not null and clicks > 0
)
select
    view_day,
    slice_key,
    first_attribute,
    second_attribute,
    click_flag
    + case
        when previous_day is null then 15
        else
            cast(previous_day < view_day as integer)
            + 2 * cast(
                previous_day < cast(date_trunc('week', view_day) as date)
                as integer
            )
            + 4 * cast(
                previous_day < cast(date_trunc('month', view_day) as date)
                as integer
            )
    end as flags,
    sum(views) as views,
    sum(clicks) as clicks,
    count(*) as event_rows
from (select * from viewed union all select * from clicked)
group by all;

-- The daily rows of one daily_firsts table rolled up to every period:
-- entities = distinct entities viewing, clicked = distinct entities clicking.
create or replace temp macro periodic(daily_table) as table
select
    p.period_grain,
    p.period_start,
    d.slice_key,
    d.first_attribute,
    d.second_attribute,
    min(d.view_day) as first_day,
    sum(d.views) as views,
    sum(d.clicks) as clicks,
    coalesce(
        sum(d.event_rows) filter (
            where d.flags < 16 and d.flags & p.grain_flag != 0
        ),
        0
    ) as entities,
    coalesce(
        sum(d.event_rows) filter (
            where d.flags >= 16 and d.flags & p.grain_flag != 0
        ),
        0
    ) as clicked
from query_table(daily_table) as d
inner join period_days as p on d.view_day = p.view_day
group by all;

create or replace temp table daily_person_creative as
from daily_firsts(person_key, creative_key, null, null);

create or replace temp table daily_person_campaign as
from daily_firsts(person_key, campaign_key, null, null);

create or replace temp table daily_account_campaign as
from daily_firsts(account_key, campaign_key, industry_key, band_key);

create or replace temp table daily_person_all as
from daily_firsts(person_key, 0, industry_key, band_key);

create or replace temp table daily_account_all as
from daily_firsts(account_key, 0, industry_key, band_key);

create or replace temp table daily_person_channel as
from daily_firsts(person_key, channel_key, null, null);

create or replace temp table daily_account_channel as
from daily_firsts(account_key, channel_key, null, null);

create or replace temp table daily_person_audience as
from daily_firsts(person_key, audience_key, null, null);

create or replace temp table daily_account_audience as
from daily_firsts(account_key, audience_key, null, null);

create or replace temp table daily_person_funnel_stage as
from daily_firsts(person_key, funnel_key, null, null);

create or replace temp table daily_account_funnel_stage as
from daily_firsts(account_key, funnel_key, null, null);

-- --------------------------------------------------------------------------
-- Section 4 marts
-- --------------------------------------------------------------------------

-- all_time rows start on the slice's first day.
create or replace temp macro period_start_of(grain, period_start, first_day) as
    case when grain = 'all_time' then first_day else period_start end;

create or replace table creative_ctr as
select
    m.period_grain,
    period_start_of(m.period_grain, m.period_start, m.first_day)
        as period_start,
    cr.campaign_id,
    cr.creative_id,
    cr.creative_name,
    cr.offer,
    cr.is_control,
    cast(m.views as bigint) as views,
    cast(m.clicks as bigint) as clicks,
    cast(m.entities as bigint) as viewers,
    cast(m.clicked as bigint) as clickers,
    ratio(m.clicked, m.entities) as ctr,
    wilson_lower(m.clicked, m.entities) as ctr_lower,
    wilson_upper(m.clicked, m.entities) as ctr_upper,
    ratio(m.clicks, m.views) as event_ctr
from periodic('daily_person_creative') as m
inner join creatives as cr on m.slice_key = cr.creative_key
order by all;

create or replace table campaign_ctr as
with accounts as (
    select
        period_grain,
        period_start,
        slice_key,
        sum(entities) as accounts_viewed,
        sum(clicked) as accounts_clicked
    from periodic('daily_account_campaign')
    group by all
)
select
    m.period_grain,
    period_start_of(m.period_grain, m.period_start, m.first_day)
        as period_start,
    c.campaign_id,
    c.campaign_name,
    c.channel,
    c.audience,
    c.funnel_stage,
    cast(m.views as bigint) as views,
    cast(m.clicks as bigint) as clicks,
    cast(m.entities as bigint) as viewers,
    cast(m.clicked as bigint) as clickers,
    ratio(m.clicked, m.entities) as ctr,
    wilson_lower(m.clicked, m.entities) as ctr_lower,
    wilson_upper(m.clicked, m.entities) as ctr_upper,
    ratio(m.clicks, m.views) as event_ctr,
    cast(coalesce(a.accounts_viewed, 0) as bigint) as accounts_viewed,
    cast(coalesce(a.accounts_clicked, 0) as bigint) as accounts_clicked,
    ratio(a.accounts_clicked, a.accounts_viewed) as account_ctr,
    wilson_lower(a.accounts_clicked, a.accounts_viewed) as account_ctr_lower,
    wilson_upper(a.accounts_clicked, a.accounts_viewed) as account_ctr_upper
from periodic('daily_person_campaign') as m
inner join campaigns as c on m.slice_key = c.campaign_key
left join accounts as a
    on
        m.period_grain = a.period_grain
        and m.period_start = a.period_start
        and m.slice_key = a.slice_key
order by all;

-- Accounts per campaign, in all and per the account's industry and band.
create or replace table account_ctr as
with segmented as (
    select
        period_grain,
        period_start,
        slice_key as campaign_key,
        case
            when grouping(first_attribute) = 0 then 'industry'
            when grouping(second_attribute) = 0 then 'company_size_band'
            else 'all'
        end as segment_type,
        coalesce(first_attribute, second_attribute) as value_key,
        min(first_day) as first_day,
        sum(entities) as accounts_viewed,
        sum(clicked) as accounts_clicked
    from periodic('daily_account_campaign')
    group by grouping sets (
        (period_grain, period_start, slice_key),
        (period_grain, period_start, slice_key, first_attribute),
        (period_grain, period_start, slice_key, second_attribute)
    )
)
select
    m.period_grain,
    period_start_of(m.period_grain, m.period_start, m.first_day)
        as period_start,
    c.campaign_id,
    m.segment_type,
    coalesce(v.dimension_value, 'all') as segment_value,
    cast(m.accounts_viewed as bigint) as accounts_viewed,
    cast(m.accounts_clicked as bigint) as accounts_clicked,
    ratio(m.accounts_clicked, m.accounts_viewed) as account_ctr,
    wilson_lower(m.accounts_clicked, m.accounts_viewed) as account_ctr_lower,
    wilson_upper(m.accounts_clicked, m.accounts_viewed) as account_ctr_upper
from segmented as m
inner join campaigns as c on m.campaign_key = c.campaign_key
left join segment_values as v on m.value_key = v.value_key
order by all;

-- segment_ctr, campaign dimensions: people from the person table, accounts
-- from the account table of the same dimension.
create or replace temp macro dimension_rollup(person_table, account_table)
as table
with people_side as (
    select
        period_grain,
        period_start,
        slice_key as value_key,
        first_day,
        views,
        clicks,
        entities as viewers,
        clicked as clickers
    from periodic(person_table)
),
accounts_side as (
    select
        period_grain,
        period_start,
        slice_key as value_key,
        entities as accounts_viewed,
        clicked as accounts_clicked
    from periodic(account_table)
)
select
    p.*,
    coalesce(a.accounts_viewed, 0) as accounts_viewed,
    coalesce(a.accounts_clicked, 0) as accounts_clicked
from people_side as p
left join accounts_side as a
    on
        p.period_grain = a.period_grain
        and p.period_start = a.period_start
        and p.value_key = a.value_key;

-- segment_ctr, all / industry / size band: industry and band are the
-- person's (their account's), so one person table serves all three.
create or replace temp macro attribute_rollup(daily_table) as table
select
    period_grain,
    period_start,
    case
        when grouping(first_attribute) = 0 then first_attribute
        when grouping(second_attribute) = 0 then second_attribute
        else value_key('all', 'all')
    end as value_key,
    min(first_day) as first_day,
    sum(views) as views,
    sum(clicks) as clicks,
    sum(entities) as entities,
    sum(clicked) as clicked
from periodic(daily_table)
group by grouping sets (
    (period_grain, period_start),
    (period_grain, period_start, first_attribute),
    (period_grain, period_start, second_attribute)
);

create or replace table segment_ctr as
with people_attributes as (
    select
        period_grain,
        period_start,
        value_key,
        first_day,
        views,
        clicks,
        entities as viewers,
        clicked as clickers
    from attribute_rollup('daily_person_all')
),
accounts_attributes as (
    select
        period_grain,
        period_start,
        value_key,
        entities as accounts_viewed,
        clicked as accounts_clicked
    from attribute_rollup('daily_account_all')
),
measured as (
    select
        p.*,
        coalesce(a.accounts_viewed, 0) as accounts_viewed,
        coalesce(a.accounts_clicked, 0) as accounts_clicked
    from people_attributes as p
    left join accounts_attributes as a
        on
            p.period_grain = a.period_grain
            and p.period_start = a.period_start
            and p.value_key = a.value_key
    union all
    select *
    from dimension_rollup('daily_person_channel', 'daily_account_channel')
    union all
    select *
    from dimension_rollup('daily_person_audience', 'daily_account_audience')
    union all
    select *
    from dimension_rollup(
        'daily_person_funnel_stage', 'daily_account_funnel_stage'
    )
)
select
    m.period_grain,
    period_start_of(m.period_grain, m.period_start, m.first_day)
        as period_start,
    v.dimension,
    v.dimension_value,
    cast(m.views as bigint) as views,
    cast(m.clicks as bigint) as clicks,
    cast(m.viewers as bigint) as viewers,
    cast(m.clickers as bigint) as clickers,
    ratio(m.clickers, m.viewers) as ctr,
    wilson_lower(m.clickers, m.viewers) as ctr_lower,
    wilson_upper(m.clickers, m.viewers) as ctr_upper,
    ratio(m.clicks, m.views) as event_ctr,
    cast(m.accounts_viewed as bigint) as accounts_viewed,
    cast(m.accounts_clicked as bigint) as accounts_clicked,
    ratio(m.accounts_clicked, m.accounts_viewed) as account_ctr,
    wilson_lower(m.accounts_clicked, m.accounts_viewed) as account_ctr_lower,
    wilson_upper(m.accounts_clicked, m.accounts_viewed) as account_ctr_upper
from measured as m
inner join segment_values as v on m.value_key = v.value_key
order by all;
