{#- Rule 9: accounts with the same non-empty domain are one company; its
    canonical record is the most recently updated (ties: the smallest
    account_id; an empty or invalid updated_at is the oldest). An account
    with an empty website is a company on its own. One row per CRM account
    id: the crosswalk to its canonical id. -#}
with

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

ranked as (

    select
        account_id,
        domain,
        first_value(account_id) over (
            partition by
                domain,
                case when domain is null then account_id end
            order by updated_at desc nulls last, account_id asc
            rows between unbounded preceding and unbounded following
        ) as canonical_account_id,
        sum(source_record_count) over (
            partition by
                domain,
                case when domain is null then account_id end
        ) as source_record_count

    from accounts

),

crosswalk as (

    select
        account_id,
        canonical_account_id,
        domain,
        source_record_count,
        account_id = canonical_account_id as is_canonical

    from ranked

)

select * from crosswalk
