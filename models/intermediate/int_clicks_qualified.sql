{#- Rule 7: a qualifying click less than min_seconds_view_to_click after
    the view it is attributed to is a machine click. Each click ends with
    one outcome: double_click, orphan, machine or qualifying. -#}
with

clicks as (

    select * from {{ ref('int_clicks_attributed') }}

),

checked as (

    select
        *,
        coalesce(
            clicked_at < {{ add_seconds(
                'attributed_viewed_at', checked_var('min_seconds_view_to_click')
            ) }},
            false
        ) as is_machine_click

    from clicks

),

classified as (

    select
        *,
        case
            when is_double_click then 'double_click'
            when is_orphan_click then 'orphan'
            when is_machine_click then 'machine'
            else 'qualifying'
        end as click_outcome

    from checked

)

select * from classified
