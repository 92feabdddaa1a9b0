{#- day_spine: 2024-02-27 to 2024-03-02 is 4 days across the leap day
    (27, 28, 29 February, 1 March; the end is exclusive); 2026-01-01 to
    2026-04-11 is exactly 100 days (offsets 0-99 need two digit tables, and
    offset 100 must not appear). Fails on each case whose day count,
    distinct days, first or last day differ. -#}
with

leap as (

    {{ day_spine('2024-02-27', '2024-03-02') }}

),

hundred as (

    {{ day_spine('2026-01-01', '2026-04-11') }}

),

observed as (

    select
        'leap' as spine_case,
        count(*) as day_count,
        count(distinct date_day) as distinct_days,
        min(date_day) as first_day,
        max(date_day) as last_day
    from leap
    union all
    select
        'hundred' as spine_case,
        count(*) as day_count,
        count(distinct date_day) as distinct_days,
        min(date_day) as first_day,
        max(date_day) as last_day
    from hundred

),

expected as (

    select
        'leap' as spine_case,
        4 as day_count,
        cast('2024-02-27' as date) as first_day,
        cast('2024-02-29' as date) as leap_day,
        cast('2024-03-01' as date) as last_day
    union all
    select
        'hundred' as spine_case,
        100 as day_count,
        cast('2026-01-01' as date) as first_day,
        cast(null as date) as leap_day,
        cast('2026-04-10' as date) as last_day

),

failures as (

    select
        expected.spine_case,
        observed.day_count,
        observed.distinct_days,
        observed.first_day,
        observed.last_day

    from expected
    left join observed
        on expected.spine_case = observed.spine_case
    where
        observed.day_count is null
        or observed.day_count != expected.day_count
        or observed.distinct_days != expected.day_count
        or observed.first_day != expected.first_day
        or observed.last_day != expected.last_day
        or (
            expected.leap_day is not null
            and not exists (
                select 1 as found from leap
                where leap.date_day = expected.leap_day
            )
        )

)

select * from failures
