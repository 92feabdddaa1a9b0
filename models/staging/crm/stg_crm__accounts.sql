with

source as (

    select * from {{ raw_input('raw_accounts') }}

),

cleaned as (

    select
        {{ clean_text('account_id') }} as account_id,
        {{ clean_text('account_name') }} as account_name,
        {{ clean_text('website') }} as website,
        {{ website_domain('website') }} as domain,
        coalesce({{ clean_text('industry') }}, 'unknown') as industry,
        {{ clean_text('employee_count') }} as employee_count_text,
        {{ is_true_text('is_target') }} as is_target_account,
        {{ clean_text('updated_at') }} as updated_at_text

    from source

),

typed as (

    select
        account_id,
        account_name,
        website,
        domain,
        industry,
        nullif({{ whole_number('employee_count_text') }}, 0)
            as employee_count,
        is_target_account,
        {{ parse_utc_timestamp('updated_at_text') }} as updated_at

    from cleaned
    where account_id is not null

),

ranked as (

    select
        *,
        row_number() over (
            partition by account_id
            order by
                updated_at desc nulls last,
                website asc nulls first,
                account_name asc nulls first,
                industry asc nulls first,
                employee_count asc nulls first,
                is_target_account asc
        ) as record_rank,
        count(*) over (partition by account_id) as source_record_count

    from typed

),

deduplicated as (

    select
        account_id,
        account_name,
        website,
        domain,
        industry,
        employee_count,
        {{ company_size_band('employee_count') }} as company_size_band,
        is_target_account,
        updated_at,
        source_record_count

    from ranked
    where record_rank = 1

)

select * from deduplicated
