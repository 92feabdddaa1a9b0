{{ config(severity='warn', tags=['tracking_warning']) }}
{%- set baseline_days = checked_var('tracking_outage_baseline_days') -%}
{#- Tracking warning, outage: one row per UTC day (all channels) whose
    counted views (rules 1-4) are below var tracking_outage_view_ratio times
    the median of the counted views of the previous
    tracking_outage_baseline_days (7) days. A day is judged only when all
    those days lie on the calendar (from the first day with a row) and
    their median is at least var tracking_min_daily_volume. Days without
    any row (a total outage) are on the calendar with 0 views when they
    follow a day with a row by at most tracking_outage_baseline_days. -#}
with

health as (

    select * from {{ ref('tracking_health') }}

),

daily as (

    select
        date_day,
        sum(counted_views) as counted_views

    from health
    where date_day is not null
    group by 1

),

last_day as (

    select max(date_day) as date_day
    from daily

),

day_offsets as (

    {{ dbt.generate_series(baseline_days + 1) }}

),

following_days as (

    select
        cast({{ dbt.dateadd(
            'day', 'day_offsets.generated_number - 1', 'daily.date_day'
        ) }} as date) as date_day

    from daily
    cross join day_offsets

),

calendar as (

    select distinct following_days.date_day

    from following_days
    cross join last_day
    where following_days.date_day <= last_day.date_day

),

day_volumes as (

    select
        calendar.date_day,
        coalesce(daily.counted_views, 0) as counted_views

    from calendar
    left join daily
        on calendar.date_day = daily.date_day

),

baseline_volumes as (

    select
        judged.date_day,
        previous.counted_views,
        row_number() over (
            partition by judged.date_day
            order by previous.counted_views
        ) as volume_rank,
        count(*) over (partition by judged.date_day) as baseline_day_count

    from day_volumes as judged
    inner join day_volumes as previous
        on
            judged.date_day > previous.date_day
            and cast({{ dbt.dateadd(
                'day', -baseline_days, 'judged.date_day'
            ) }} as date) <= previous.date_day

),

baselines as (

    -- the median: the middle volume, or the mean of the two middle ones
    select
        date_day,
        avg(counted_views) as trailing_median

    from baseline_volumes
    where
        baseline_day_count = {{ baseline_days }}
        and volume_rank * 2 in (
            {{ baseline_days }},
            {{ baseline_days + 1 }},
            {{ baseline_days + 2 }}
        )
    group by 1

),

flagged as (

    select
        day_volumes.date_day,
        day_volumes.counted_views,
        baselines.trailing_median

    from day_volumes
    inner join baselines
        on day_volumes.date_day = baselines.date_day
    where
        baselines.trailing_median
        >= {{ checked_var('tracking_min_daily_volume') }}
        and day_volumes.counted_views
        < {{ checked_var('tracking_outage_view_ratio') }}
        * baselines.trailing_median

)

select * from flagged
