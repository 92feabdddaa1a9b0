{#- Rule 8: a person's account is the account of their most recently
    updated contact record (ties: smallest contact_id; an empty or invalid
    updated_at is the oldest), mapped to its canonical account; failing
    that, the canonical account whose domain is the email domain, unless
    the domain is free mail; otherwise the person is unmapped.

    Incremental: a run resolves the people who viewed in the window the
    engagement fact rewrites (new people and returning ones) against the
    current CRM, so the days it rewrites use today's accounts; other
    people keep the account they were last resolved to, as the days
    already counted keep theirs until a --full-refresh. Only people whose
    row is new or changed are written (most recent viewers are unchanged
    from the last run). -#}
{{ config(
    materialized=incremental_materialization(),
    unique_key='person_email',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
) }}

{%- set window_start = incremental_window_start(
    'last_view_date', engagement_lookback_days()
) %}

with

events as (

    select * from {{ ref('int_events_screened') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

accounts as (

    select * from {{ ref('int_accounts_deduplicated') }}

),

recent_viewers as (

    -- The email domain is found once per person, not once per event.
    select
        person_email,
        {{ email_domain('person_email') }} as email_domain,
        first_view_date,
        last_view_date

    from (
        select
            person_email,
            min(event_date) as first_view_date,
            max(event_date) as last_view_date

        from events
        where
            event_type = 'view'
            and not is_invalid_traffic
            and {{ is_on_or_after('event_date', window_start) }}
        group by 1
    ) as window_views

),

stored_viewers as (

    {{ stored_rows_of(
        new_rows='recent_viewers',
        key_columns=['person_email'],
        columns=[
            'person_email', 'email_domain', 'first_view_date',
            'last_view_date'
        ]
    ) }}

),

viewers as (

    select
        person_email,
        email_domain,
        min(first_view_date) as first_view_date,
        max(last_view_date) as last_view_date

    from (
        select * from recent_viewers
        union all
        select * from stored_viewers
    ) as both_viewers
    group by 1, 2

),

ranked_contacts as (

    -- Only the contacts of the people resolved this run are ranked (on a
    -- daily run, the recent viewers: a fraction of the CRM).
    select
        person_email,
        account_id,
        row_number() over (
            partition by person_email
            order by updated_at desc nulls last, contact_id asc nulls last
        ) as contact_rank

    from contacts
    where
        person_email in (select viewers.person_email from viewers)

),

latest_contacts as (

    select
        person_email,
        account_id

    from ranked_contacts
    where contact_rank = 1

),

domain_accounts as (

    select
        domain,
        canonical_account_id

    from accounts
    where is_canonical and domain is not null

),

matched as (

    select
        viewers.person_email,
        viewers.email_domain,
        viewers.first_view_date,
        viewers.last_view_date,
        contact_accounts.canonical_account_id as contact_account_id,
        domain_accounts.canonical_account_id as domain_account_id

    from viewers
    left join latest_contacts
        on viewers.person_email = latest_contacts.person_email
    left join accounts as contact_accounts
        on latest_contacts.account_id = contact_accounts.account_id
    left join domain_accounts
        on
            viewers.email_domain = domain_accounts.domain
            and not {{ is_free_email_domain('viewers.email_domain') }}

),

keyed as (

    select
        *,
        {{ person_key('person_email') }} as person_key

    from matched

),

resolved as (

    select
        person_email,
        person_key,
        {{ person_id('person_key') }} as person_id,
        email_domain,
        first_view_date,
        last_view_date,
        coalesce(contact_account_id, domain_account_id) as account_id,
        case
            when contact_account_id is not null then 'contact'
            when domain_account_id is not null then 'email_domain'
            else 'unmapped'
        end as account_resolution

    from keyed

),

changed as (

    {{ new_or_changed_rows(
        rows='resolved',
        key_columns=['person_email'],
        columns=[
            'person_email', 'person_key', 'person_id', 'email_domain',
            'first_view_date', 'last_view_date', 'account_id',
            'account_resolution'
        ]
    ) }}

)

select * from changed
