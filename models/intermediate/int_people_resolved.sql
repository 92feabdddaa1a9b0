{#- Rule 8: a person's account is the account of their most recently
    updated contact record (ties: smallest contact_id; an empty or invalid
    updated_at is the oldest), mapped to its canonical account; failing
    that, the canonical account whose domain is the email domain, unless
    the domain is free mail; otherwise the person is unmapped. -#}
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

viewers as (

    select distinct
        person_email,
        email_domain

    from events
    where event_type = 'view' and not is_invalid_traffic

),

ranked_contacts as (

    select
        person_email,
        account_id,
        row_number() over (
            partition by person_email
            order by updated_at desc nulls last, contact_id asc nulls last
        ) as contact_rank

    from contacts
    where person_email is not null

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
        coalesce(contact_account_id, domain_account_id) as account_id,
        case
            when contact_account_id is not null then 'contact'
            when domain_account_id is not null then 'email_domain'
            else 'unmapped'
        end as account_resolution

    from keyed

)

select * from resolved
