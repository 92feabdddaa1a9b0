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

raw_counts as (

    select
        'view' as event_type,
        count(*) as raw_rows
    from raw_views

    union all

    select
        'click' as event_type,
        count(*) as raw_rows
    from raw_clicks

),

valid_counts as (

    select
        'view' as event_type,
        count(*) as valid_rows
    from staged_views
    where not is_rejected

    union all

    select
        'click' as event_type,
        count(*) as valid_rows
    from staged_clicks
    where not is_rejected

),

rejected_counts as (

    select
        event_type,
        count(*) as rejected_rows
    from rejected
    group by 1

),

failures as (

    select
        raw_counts.event_type,
        raw_counts.raw_rows,
        valid_counts.valid_rows,
        coalesce(rejected_counts.rejected_rows, 0) as rejected_rows

    from raw_counts
    inner join valid_counts
        on raw_counts.event_type = valid_counts.event_type
    left join rejected_counts
        on raw_counts.event_type = rejected_counts.event_type
    where
        raw_counts.raw_rows
        != valid_counts.valid_rows + coalesce(rejected_counts.rejected_rows, 0)

)

select * from failures
