with

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

crosswalk as (

    select * from {{ ref('int_accounts_deduplicated') }}

),

canonical as (

    select
        accounts.account_id,
        accounts.account_name,
        crosswalk.domain,
        accounts.industry,
        accounts.employee_count,
        accounts.company_size_band,
        accounts.is_target_account,
        cast(crosswalk.source_record_count as {{ type_count() }})
            as source_record_count

    from crosswalk
    inner join accounts
        on crosswalk.account_id = accounts.account_id
    where crosswalk.is_canonical

)

select * from canonical
