{% macro latest_view_before_click(clicks, views, window_seconds) -%}
    {#- Rule 6's search: for each click in `clicks` (click_id, clicked_at,
        person_email, creative_id), the latest view in `views` (view_id,
        viewed_at, viewed_date, person_email, creative_id) by the same person
        of the same creative at or before the click and at most
        `window_seconds` before it; ties go to the smallest view id. Returns
        click_id, view_id, viewed_at, viewed_date. -#}
    {{ return(adapter.dispatch('latest_view_before_click')(
        clicks, views, window_seconds
    )) }}
{%- endmacro %}

{% macro default__latest_view_before_click(clicks, views, window_seconds) -%}
    select
        click_id,
        view_id,
        viewed_at,
        viewed_date

    from (
        select
            {{ clicks }}.click_id,
            {{ views }}.view_id,
            {{ views }}.viewed_at,
            {{ views }}.viewed_date,
            row_number() over (
                partition by {{ clicks }}.click_id
                order by {{ views }}.viewed_at desc, {{ views }}.view_id asc
            ) as view_rank

        from {{ clicks }}
        inner join {{ views }}
            on
                {{ clicks }}.person_email = {{ views }}.person_email
                and {{ clicks }}.creative_id = {{ views }}.creative_id
                and {{ views }}.viewed_at <= {{ clicks }}.clicked_at
                and {{ views }}.viewed_at >= {{ add_seconds(
                    clicks ~ '.clicked_at', -window_seconds
                ) }}
    ) as candidate_views

    where view_rank = 1
{%- endmacro %}
