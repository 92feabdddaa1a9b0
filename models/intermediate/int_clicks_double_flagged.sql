{#- Rule 5: a click less than double_click_seconds after the same person's
    previous click on the same creative (among clicks left after rules 1-4)
    is a double click. -#}
with

events as (

    select * from {{ ref('int_events_screened') }}

),

human_clicks as (

    select
        event_id as click_id,
        event_at as clicked_at,
        event_date as clicked_date,
        person_email,
        campaign_id,
        creative_id

    from events
    where event_type = 'click' and not is_invalid_traffic

),

with_previous as (

    select
        *,
        lag(clicked_at) over (
            partition by person_email, creative_id
            order by clicked_at asc, click_id asc
        ) as previous_clicked_at

    from human_clicks

),

flagged as (

    select
        *,
        coalesce(
            clicked_at < {{ add_seconds(
                'previous_clicked_at', checked_var('double_click_seconds')
            ) }},
            false
        ) as is_double_click

    from with_previous

)

select * from flagged
