{#- Nothing lost: every raw view and click row is either a valid staged
    row or a row of rejected_events, so per raw seed
    rows = staged valid rows + rejected rows. -#}
with

raw_views as (

    select * from {{ raw_input('raw_views') }}

),

raw_clicks as (

    select * from {{ raw_input('raw_clicks') }}

),

staged_views as (

    select * from {{ ref('stg_tracking__views') }}

),

staged_clicks as (

    select * from {{ ref('stg_tracking__clicks') }}

),

rejected as (

    select * from {{ ref('rejected_events') }}

),

counts as (

    select
        'view' as event_type,
        (select count(*) from raw_views) as raw_rows,
        (select count(*) from staged_views where not is_rejected)
        as valid_rows,
        (select count(*) from rejected where event_type = 'view')
        as rejected_rows

    union all

    select
        'click' as event_type,
        (select count(*) from raw_clicks) as raw_rows,
        (select count(*) from staged_clicks where not is_rejected)
        as valid_rows,
        (select count(*) from rejected where event_type = 'click')
        as rejected_rows

),

failures as (

    select *
    from counts
    where raw_rows != valid_rows + rejected_rows

)

select * from failures
